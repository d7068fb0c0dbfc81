package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;

/**
 * Sensor fault "stuck value": readings that stay within {@code stuckTolerance} of the first of their run for
 * {@code stuckAfter} of event time (and at least {@link #MIN_READINGS} readings) raise STUCK; the first reading
 * that moves clears it. A run at the bottom of the measuring range is not judged: a gas detector in clean air
 * reads exactly zero for days.
 */
public final class StuckDetector implements Detector<OnOffState> {

    static final int MIN_READINGS = 3;

    private final SensorRule rule;

    public StuckDetector(SensorRule rule) {
        this.rule = rule;
    }

    @Override
    public OnOffState initialState() {
        return new OnOffState();
    }

    @Override
    public OnOffState onReading(OnOffState state, Reading reading, Alarms out) {
        double value = reading.value();
        long t = reading.eventTime().toEpochMilli();
        if (state.runCount == 0 || !(Math.abs(value - state.runValue) <= rule.stuckTolerance())) {
            if (state.active) {
                state.active = false;
                out.emit(rule.event(AlarmEvent.STUCK, AlarmLevel.NONE, AlarmTransition.CLEARED, value, null,
                        state.episodeStart, t, out.now(), state.runValue, rule.stuckAfterMillis() / 1000, null, null));
            }
            state.runValue = value;
            state.runStart = t;
            state.runCount = 1;
            return state;
        }
        state.runCount++;
        if (!state.active && state.runCount >= MIN_READINGS && t - state.runStart >= rule.stuckAfterMillis()
                && state.runValue > rule.rangeMin()) {
            state.active = true;
            state.episodeStart = t;
            out.emit(rule.event(AlarmEvent.STUCK, AlarmLevel.FIRST, AlarmTransition.RAISED, value, null, t, t,
                    out.now(), state.runValue, rule.stuckAfterMillis() / 1000, null, null));
        }
        return state;
    }
}
