package io.hazardwatch.simulator.scenario;

/** How a simulated sensor's true value moves over time, before measurement noise. */
public sealed interface Behaviour permits Behaviour.Baseline, Behaviour.Leak {

    /** The noiseless value {@code elapsedSeconds} after the scenario started. */
    double expected(double elapsedSeconds);

    /** Standard deviation of the gaussian measurement noise added to {@link #expected}. */
    double sd();

    /** A steady process: {@code mean}, plus noise. */
    record Baseline(double mean, double sd) implements Behaviour {
        @Override
        public double expected(double elapsedSeconds) {
            return mean;
        }
    }

    /**
     * A leak: {@code mean} until {@code startAfter}, a linear ramp to {@code peak} over {@code rampSeconds},
     * {@code peak} for {@code holdSeconds}, then linearly back to {@code mean} over {@code decaySeconds}.
     */
    record Leak(double mean, double sd, double startAfter, double peak, double rampSeconds, double holdSeconds,
                double decaySeconds) implements Behaviour {

        @Override
        public double expected(double t) {
            double rampEnd = startAfter + rampSeconds;
            double holdEnd = rampEnd + holdSeconds;
            double decayEnd = holdEnd + decaySeconds;
            if (t < startAfter || t >= decayEnd) {
                return mean;
            }
            if (t < rampEnd) {
                return mean + (peak - mean) * (t - startAfter) / rampSeconds;
            }
            if (t < holdEnd) {
                return peak;
            }
            return peak - (peak - mean) * (t - holdEnd) / decaySeconds;
        }
    }
}
