package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;

/**
 * Data interruption: no reading from the sensor for {@code offlineAfter} of event time raises OFFLINE, by a
 * timer at the last reading's time plus the interval — not by the next reading, and regardless of whether
 * the enterprise's gateway is still connected. The next reading clears it. Event time keeps moving while
 * the whole input is silent because the job's watermarks follow the wall clock then
 * ({@code SilenceAwareWatermarks}).
 * The episode starts at the moment the sensor became overdue, a figure fixed by the data, so a replay names
 * it the same way.
 */
public final class OfflineDetector implements Detector<OnOffState> {

    private final SensorRule rule;

    public OfflineDetector(SensorRule rule) {
        this.rule = rule;
    }

    @Override
    public OnOffState initialState() {
        return new OnOffState();
    }

    @Override
    public OnOffState onReading(OnOffState state, Reading reading, Alarms out) {
        long t = reading.eventTime().toEpochMilli();
        if (state.active) {
            state.active = false;
            out.emit(rule.event(AlarmEvent.OFFLINE, AlarmLevel.NONE, AlarmTransition.CLEARED, reading.value(), null,
                    state.episodeStart, t, out.now(), null, rule.offlineAfterMillis() / 1000, null, null));
        }
        state.lastTime = Math.max(state.lastTime, t);
        state.lastValue = reading.value();
        return state;
    }

    @Override
    public long nextTimer(OnOffState state) {
        return state.active || state.lastTime == Long.MIN_VALUE ? NO_TIMER : state.lastTime + rule.offlineAfterMillis();
    }

    @Override
    public OnOffState onTimer(OnOffState state, long time, Alarms out) {
        long due = nextTimer(state);
        if (due != NO_TIMER && time >= due) {
            state.active = true;
            state.episodeStart = due;
            out.emit(rule.event(AlarmEvent.OFFLINE, AlarmLevel.FIRST, AlarmTransition.RAISED, state.lastValue, null,
                    due, due, out.now(), null, rule.offlineAfterMillis() / 1000, null, null));
        }
        return state;
    }
}
