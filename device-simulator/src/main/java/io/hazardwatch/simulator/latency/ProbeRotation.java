package io.hazardwatch.simulator.latency;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The probes go round-robin over the sensors; this works out how often that hits each one, and whether it stays
 * under the detection job's flapping guard. The guard turns a sensor whose threshold alarm is raised or cleared
 * {@code changes} times within {@code window} into one FLAPPING alarm and holds its RAISED events back (stream-jobs
 * {@code FlappingGuard}), so a probe after that never sees its alarm.
 *
 * <p>A probe is two changes (raise, then clear) close together next to the window. Between two probes of one
 * sensor lie at least {@code sensors × every}: each probe also waits for the board, so in practice more; the
 * figures below are the worst case.
 *
 * @param sensors how many sensors share the probes
 * @param count   probes in all
 * @param every   pause after each probe
 */
public record ProbeRotation(int sensors, int count, Duration every, FlapGuard guard) {

    /**
     * The guard's settings for the probed sensors: the registry's {@code detection.flapChanges} and
     * {@code flapWindowSeconds}. {@code changes} 0 turns it off.
     */
    public record FlapGuard(int changes, Duration window) {

        public boolean off() {
            return changes == 0;
        }

        /** A guard of two changes or fewer trips on a single probe, whatever the pace. */
        public boolean tripsOnOneProbe() {
            return !off() && changes <= 2;
        }
    }

    public ProbeRotation {
        if (sensors < 1 || count < 1 || every.isNegative()) {
            throw new IllegalArgumentException("sensors and count must be >= 1, every >= 0");
        }
    }

    /** Index of the sensor that probe {@code probe} (from 0) goes to. */
    public int sensorFor(int probe) {
        return probe % sensors;
    }

    /** Probes of the busiest sensor: the first {@code count % sensors} sensors get one more than the rest. */
    public int probesPerSensor() {
        return (count + sensors - 1) / sensors;
    }

    /** Least time from one probe of a sensor to its next. */
    public Duration minGap() {
        return every.multipliedBy(sensors);
    }

    /** Most probes of one sensor inside one flap window, both ends included. */
    public int maxProbesPerWindow() {
        long gap = minGap().toMillis();
        long byPace = gap == 0 ? Long.MAX_VALUE : guard.window().toMillis() / gap + 1;
        return (int) Math.min(probesPerSensor(), byPace);
    }

    /** Whether some sensor could make {@code changes} alarm changes within the window. */
    public boolean tripsGuard() {
        return !guard.off() && 2L * maxProbesPerWindow() >= guard.changes();
    }

    /**
     * The fewest sensors that keep this count and pace under the guard; at worst {@code count}, one probe each
     * (enough unless {@link FlapGuard#tripsOnOneProbe()}).
     */
    public int sensorsNeeded() {
        for (int n = sensors; n < count; n++) {
            if (!new ProbeRotation(n, count, every, guard).tripsGuard()) {
                return n;
            }
        }
        return Math.max(sensors, count);
    }

    /** One line for the start of a run, e.g. "5 sensors in turn: each probed up to 17 times, at most every 1.25 s …". */
    public String describe() {
        String each = String.format(Locale.ROOT, "%d %s in turn: each probed up to %d %s, at most every %s (%d × %s)",
                sensors, sensors == 1 ? "sensor" : "sensors", probesPerSensor(), probesPerSensor() == 1 ? "time" : "times",
                seconds(minGap()), sensors, seconds(every));
        if (guard.off()) {
            return each + "; flapping guard off";
        }
        return each + String.format(Locale.ROOT, "; flapping guard %d changes in %s: up to %d %s (%d changes) of one sensor"
                        + " in a window", guard.changes(), seconds(guard.window()), maxProbesPerWindow(),
                maxProbesPerWindow() == 1 ? "probe" : "probes", 2 * maxProbesPerWindow());
    }

    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
