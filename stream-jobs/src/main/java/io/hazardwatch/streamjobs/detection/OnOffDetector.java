package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;

/**
 * A sensor fault that each reading finds present or not (out of range, stuck value): one first-level alarm at a
 * time in an {@link OnOffState}, raised with the reading that shows it, cleared with the one that no longer does,
 * under the episode start it was raised with. A subclass only {@link #judge}s a reading's value.
 */
abstract class OnOffDetector implements Detector<OnOffState> {

    protected final SensorRule rule;
    private final String alarmType;

    OnOffDetector(SensorRule rule, String alarmType) {
        this.rule = rule;
        this.alarmType = alarmType;
    }

    @Override
    public final OnOffState initialState() {
        return new OnOffState();
    }

    @Override
    public final OnOffState onReading(OnOffState state, Reading reading, Alarms out) {
        judge(state, reading.value(), reading.eventTime().toEpochMilli(), out);
        return state;
    }

    /** Judges one reading's value, at event time {@code t}: {@link #raise} or {@link #clear}, or neither. */
    abstract void judge(OnOffState state, double value, long t, Alarms out);

    /** Opens an episode at {@code t}; the alarm must be off. */
    final void raise(OnOffState state, long t, double value, Double threshold, Double windowValue, Long windowSeconds,
                     Alarms out) {
        state.active = true;
        state.episodeStart = t;
        out.emit(rule.event(alarmType, AlarmLevel.FIRST, AlarmTransition.RAISED, value, threshold, t, t, out.now(),
                windowValue, windowSeconds, null, null));
    }

    /** Closes the open episode at {@code t}; the alarm must be on. */
    final void clear(OnOffState state, long t, double value, Double windowValue, Long windowSeconds, Alarms out) {
        state.active = false;
        out.emit(rule.event(alarmType, AlarmLevel.NONE, AlarmTransition.CLEARED, value, null, state.episodeStart, t,
                out.now(), windowValue, windowSeconds, null, null));
    }
}
