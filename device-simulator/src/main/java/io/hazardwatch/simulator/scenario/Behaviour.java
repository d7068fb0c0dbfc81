package io.hazardwatch.simulator.scenario;

/** How a simulated sensor's true value moves over time, before measurement noise. */
public sealed interface Behaviour
        permits Behaviour.Baseline, Behaviour.Leak, Behaviour.Spike, Behaviour.Drift, Behaviour.Stuck, Behaviour.Storm {

    /** The noiseless value {@code elapsedSeconds} after the scenario started. */
    double expected(double elapsedSeconds);

    /** Standard deviation of the gaussian measurement noise added to {@link #expected}. */
    double sd();

    /**
     * The instant whose measurement is reported at {@code elapsedSeconds}: itself, except for a stuck sensor,
     * which repeats its last good value, noise included.
     */
    default double measuredAt(double elapsedSeconds) {
        return elapsedSeconds;
    }

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

    /** A sudden spike: {@code peak} from {@code at} for {@code seconds}, {@code mean} otherwise. */
    record Spike(double mean, double sd, double at, double peak, double seconds) implements Behaviour {
        @Override
        public double expected(double t) {
            return t >= at && t < at + seconds ? peak : mean;
        }
    }

    /** A slow drift (a sensor losing calibration): {@code mean}, then {@code perHour} more every hour after {@code startAfter}. */
    record Drift(double mean, double sd, double startAfter, double perHour) implements Behaviour {
        @Override
        public double expected(double t) {
            return t < startAfter ? mean : mean + perHour * (t - startAfter) / 3600.0;
        }
    }

    /** A stuck sensor: normal until {@code at}, then it repeats the value it measured at {@code at} for ever. */
    record Stuck(double mean, double sd, double at) implements Behaviour {
        @Override
        public double expected(double t) {
            return mean;
        }

        @Override
        public double measuredAt(double t) {
            return Math.min(t, at);
        }
    }

    /**
     * An alarm storm: from {@code startAfter} for {@code durationSeconds}, the value jumps to {@code peak} for the
     * first half of every {@code periodSeconds} and falls back to {@code mean} for the second half, so every
     * sensor with this behaviour raises and clears an alarm once per period.
     */
    record Storm(double mean, double sd, double startAfter, double peak, double periodSeconds, double durationSeconds)
            implements Behaviour {
        @Override
        public double expected(double t) {
            if (t < startAfter || t >= startAfter + durationSeconds) {
                return mean;
            }
            double phase = (t - startAfter) % periodSeconds;
            return phase < periodSeconds / 2 ? peak : mean;
        }
    }
}
