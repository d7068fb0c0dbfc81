package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;

/**
 * Sensor fault "out of range": a reading outside the detector's measuring range ({@code rangeMin} ..
 * {@code rangeMax}, by default the type's physical range) raises OUT_OF_RANGE; the next reading inside it
 * clears it. The reading still goes to the threshold rule: an over-range gas reading is more likely a big
 * leak than a broken detector, so it must not silence the gas alarm.
 */
public final class RangeDetector implements Detector<OnOffState> {

    private final SensorRule rule;

    public RangeDetector(SensorRule rule) {
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
        boolean outside = !(value >= rule.rangeMin() && value <= rule.rangeMax());
        if (outside && !state.active) {
            state.active = true;
            state.episodeStart = t;
            out.emit(rule.event(AlarmEvent.OUT_OF_RANGE, AlarmLevel.FIRST, AlarmTransition.RAISED, value,
                    value < rule.rangeMin() ? rule.rangeMin() : rule.rangeMax(), t, t, out.now()));
        } else if (!outside && state.active) {
            state.active = false;
            out.emit(rule.event(AlarmEvent.OUT_OF_RANGE, AlarmLevel.NONE, AlarmTransition.CLEARED, value, null,
                    state.episodeStart, t, out.now()));
        }
        return state;
    }
}
