package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;

/**
 * Exposure limits of toxic gases as GBZ 2.1 defines them, on event time:
 * <ul>
 *   <li>STEL: the 15-minute time-weighted average (integral over the window / 15 min) at or over the limit
 *       raises a second-level STEL alarm;</li>
 *   <li>TWA: the 8-hour time-weighted average (integral / 8 h) at or over the limit raises a first-level TWA
 *       alarm;</li>
 *   <li>MAC: a ceiling never to be exceeded: any reading at or over it raises a second-level MAC alarm.</li>
 * </ul>
 * Each clears once its figure is back under 90 % of the limit. Each reading's value holds until the next
 * reading, but for at most the sensor's offline interval: a gap beyond it adds no exposure (unknown, not zero
 * risk: OFFLINE is raised for it). Windows are whole minutes (the current minute and the 14 or 479 before it).
 */
public final class ExposureDetector implements Detector<ExposureState> {

    static final int STEL_MINUTES = 15;
    static final int TWA_MINUTES = 480;
    private static final double CLEAR_RATIO = 0.9;

    private final SensorRule rule;
    private final long maxHoldMillis;

    public ExposureDetector(SensorRule rule) {
        this.rule = rule;
        this.maxHoldMillis = rule.offlineAfterMillis() > 0 ? rule.offlineAfterMillis() : 60_000;
    }

    /** Whether the sensor has any exposure limit to judge. */
    public static boolean applies(SensorRule rule) {
        return rule.stel() != null || rule.twa() != null || rule.mac() != null;
    }

    @Override
    public ExposureState initialState() {
        ExposureState state = new ExposureState();
        state.minutes = new long[TWA_MINUTES];
        state.integrals = new double[TWA_MINUTES];
        java.util.Arrays.fill(state.minutes, Long.MIN_VALUE);
        return state;
    }

    /** Takes finite values only: {@link SensorDetectors} keeps the others from it. */
    @Override
    public ExposureState onReading(ExposureState state, Reading reading, Alarms out) {
        double value = reading.value();
        long t = reading.eventTime().toEpochMilli();
        if (state.lastTime != Long.MIN_VALUE) {
            integrate(state, state.lastTime, Math.min(t, state.lastTime + maxHoldMillis), state.lastValue);
        }
        state.lastTime = t;
        state.lastValue = value;
        long minute = Math.floorDiv(t, 60_000);
        if (minute != state.baseMinute) {
            rebase(state, minute);
        }
        double current = slot(state, minute);
        if (rule.stel() != null) {
            double stel = (state.stelBase + current) / (STEL_MINUTES * 60.0);
            judgeStel(state, stel, value, t, out);
        }
        if (rule.twa() != null) {
            double twa = (state.twaBase + current) / (TWA_MINUTES * 60.0);
            judgeTwa(state, twa, value, t, out);
        }
        if (rule.mac() != null) {
            judgeMac(state, value, t, out);
        }
        return state;
    }

    private void judgeStel(ExposureState state, double average, double value, long t, Alarms out) {
        if (!state.stelActive && average >= rule.stel()) {
            state.stelActive = true;
            state.stelStart = t;
            out.emit(rule.event(AlarmEvent.STEL, AlarmLevel.SECOND, AlarmTransition.RAISED, value, rule.stel(), t, t,
                    out.now(), average, STEL_MINUTES * 60L, null, null));
        } else if (state.stelActive && average < rule.stel() * CLEAR_RATIO) {
            state.stelActive = false;
            out.emit(rule.event(AlarmEvent.STEL, AlarmLevel.NONE, AlarmTransition.CLEARED, value, rule.stel(),
                    state.stelStart, t, out.now(), average, STEL_MINUTES * 60L, null, null));
        }
    }

    private void judgeTwa(ExposureState state, double average, double value, long t, Alarms out) {
        if (!state.twaActive && average >= rule.twa()) {
            state.twaActive = true;
            state.twaStart = t;
            out.emit(rule.event(AlarmEvent.TWA, AlarmLevel.FIRST, AlarmTransition.RAISED, value, rule.twa(), t, t,
                    out.now(), average, TWA_MINUTES * 60L, null, null));
        } else if (state.twaActive && average < rule.twa() * CLEAR_RATIO) {
            state.twaActive = false;
            out.emit(rule.event(AlarmEvent.TWA, AlarmLevel.NONE, AlarmTransition.CLEARED, value, rule.twa(),
                    state.twaStart, t, out.now(), average, TWA_MINUTES * 60L, null, null));
        }
    }

    private void judgeMac(ExposureState state, double value, long t, Alarms out) {
        if (!state.macActive && value >= rule.mac()) {
            state.macActive = true;
            state.macStart = t;
            out.emit(rule.event(AlarmEvent.MAC, AlarmLevel.SECOND, AlarmTransition.RAISED, value, rule.mac(), t, t,
                    out.now()));
        } else if (state.macActive && value < rule.mac() * CLEAR_RATIO) {
            state.macActive = false;
            out.emit(rule.event(AlarmEvent.MAC, AlarmLevel.NONE, AlarmTransition.CLEARED, value, rule.mac(),
                    state.macStart, t, out.now()));
        }
    }

    /** Adds value × time of [from, to) to the minute slots it spans. */
    private static void integrate(ExposureState state, long from, long to, double value) {
        long start = from;
        while (start < to) {
            long minute = Math.floorDiv(start, 60_000);
            long end = Math.min(to, (minute + 1) * 60_000);
            int i = (int) Math.floorMod(minute, (long) TWA_MINUTES);
            if (state.minutes[i] != minute) {
                state.minutes[i] = minute;
                state.integrals[i] = 0;
            }
            state.integrals[i] += value * (end - start) / 1000.0;
            start = end;
        }
    }

    /** Sums the complete minutes before {@code minute}: once a minute, so each reading costs O(1). */
    private static void rebase(ExposureState state, long minute) {
        double stel = 0;
        double twa = 0;
        for (int back = 1; back < TWA_MINUTES; back++) {
            double v = slot(state, minute - back);
            twa += v;
            if (back < STEL_MINUTES) {
                stel += v;
            }
        }
        state.baseMinute = minute;
        state.stelBase = stel;
        state.twaBase = twa;
    }

    private static double slot(ExposureState state, long minute) {
        int i = (int) Math.floorMod(minute, (long) TWA_MINUTES);
        return state.minutes[i] == minute ? state.integrals[i] : 0;
    }
}
