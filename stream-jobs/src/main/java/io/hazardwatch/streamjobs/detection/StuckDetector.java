package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;

/**
 * Sensor fault "stuck value": readings that stay within {@code stuckTolerance} of the first of their run for
 * {@code stuckAfter} of event time (and at least {@link #MIN_READINGS} readings) raise STUCK; the first reading
 * that moves clears it. A run at the bottom of the measuring range is not judged: a gas detector in clean air
 * reads exactly zero for days.
 */
public final class StuckDetector extends OnOffDetector {

    static final int MIN_READINGS = 3;

    public StuckDetector(SensorRule rule) {
        super(rule, AlarmEvent.STUCK);
    }

    @Override
    void judge(OnOffState state, double value, long t, Alarms out) {
        if (state.runCount == 0 || !(Math.abs(value - state.runValue) <= rule.stuckTolerance())) {
            if (state.active) {
                clear(state, t, value, state.runValue, rule.stuckAfterMillis() / 1000, out);
            }
            state.runValue = value;
            state.runStart = t;
            state.runCount = 1;
            return;
        }
        state.runCount++;
        if (!state.active && state.runCount >= MIN_READINGS && t - state.runStart >= rule.stuckAfterMillis()
                && state.runValue > rule.rangeMin()) {
            raise(state, t, value, null, state.runValue, rule.stuckAfterMillis() / 1000, out);
        }
    }
}
