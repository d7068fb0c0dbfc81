package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;

/**
 * Sensor fault "out of range": a reading outside the detector's measuring range ({@code rangeMin} ..
 * {@code rangeMax}, by default the type's physical range) raises OUT_OF_RANGE; the next reading inside it
 * clears it. The reading still goes to the threshold rule: an over-range gas reading is more likely a big
 * leak than a broken detector, so it must not silence the gas alarm.
 */
public final class RangeDetector extends OnOffDetector {

    public RangeDetector(SensorRule rule) {
        super(rule, AlarmEvent.OUT_OF_RANGE);
    }

    @Override
    void judge(OnOffState state, double value, long t, Alarms out) {
        boolean outside = !(value >= rule.rangeMin() && value <= rule.rangeMax());
        if (outside && !state.active) {
            raise(state, t, value, value < rule.rangeMin() ? rule.rangeMin() : rule.rangeMax(), null, null, out);
        } else if (!outside && state.active) {
            clear(state, t, value, null, null, out);
        }
    }
}
