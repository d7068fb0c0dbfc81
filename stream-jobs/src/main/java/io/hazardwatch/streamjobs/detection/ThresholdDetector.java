package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.Thresholds;
import java.time.Instant;

/**
 * The threshold alarm rule of GB/T 50493-2019 §5.5.2 as a state machine per sensor:
 * NONE → RAISED (first or second level) → ESCALATED (first → second) → CLEARED.
 * <ul>
 *   <li>A set point must be crossed by {@code inRow} readings in a row and for {@code forMillis} of event
 *       time before the episode is raised; the time condition is also met by a timer, so a sensor that
 *       reports rarely does not delay the alarm.</li>
 *   <li>Escalation is immediate: a second-level crossing during an open episode is never held back.</li>
 *   <li>An open episode keeps its highest level until the value is back past every set point by the
 *       deadband; it never steps down from second to first, so a duty officer sees one episode per leak.</li>
 *   <li>A reading beyond the measuring range toward danger ({@link SensorRule#overRangeLevel}) raises, or
 *       escalates to, the highest level configured on that side at once: no "for N seconds", no "N in a row".
 *       The instrument saturated; waiting for more such readings would only delay the alarm of a big leak.</li>
 * </ul>
 */
public final class ThresholdDetector implements Detector<ThresholdState> {

    private final SensorRule rule;

    public ThresholdDetector(SensorRule rule) {
        this.rule = rule;
    }

    @Override
    public ThresholdState initialState() {
        return ThresholdState.NONE;
    }

    @Override
    public ThresholdState onReading(ThresholdState state, Reading reading, Alarms out) {
        // A NaN would compare false against every limit and so look "normal": it must not clear an alarm.
        if (!Double.isFinite(reading.value())) {
            return state;
        }
        return state.active() ? whileActive(state, reading, out) : whileNormal(state, reading, out);
    }

    /**
     * A reading older than the sensor's newest (out of order: a device clock ahead, a batch resent late). The run
     * of readings it belongs to is over, so it neither clears an alarm nor starts or counts toward a pending run;
     * but it is a measurement: at or beyond a level the sensor is not yet alarmed at, it raises (or escalates to)
     * that level at once, episode named by its own event time. Fail-safe: a clock must not mute a sensor.
     */
    public ThresholdState onLateReading(ThresholdState state, Reading reading, Alarms out) {
        double value = reading.value();
        if (!Double.isFinite(value)) {
            return state;
        }
        AlarmLevel overRange = rule.overRangeLevel(value);
        AlarmLevel levelOf = rule.thresholds().levelOf(value);
        AlarmLevel reached = overRange.isAbove(levelOf) ? overRange : levelOf;
        if (!reached.isAbove(state.level())) {
            return state;
        }
        long t = reading.eventTime().toEpochMilli();
        Double setPoint = reached == overRange ? rule.overRangeSetPoint(reached, value)
                : rule.thresholds().setPointFor(reached, value);
        if (!state.active()) {
            return raise(reached, value, t, setPoint, t, out);
        }
        out.emit(rule.event(AlarmEvent.THRESHOLD, reached, AlarmTransition.ESCALATED, value, setPoint,
                state.episodeStart().toEpochMilli(), t, out.now()));
        return ThresholdState.open(reached, state.episodeStart(), state.raisedSetPoint());
    }

    @Override
    public long nextTimer(ThresholdState state) {
        return !state.active() && state.pending() && state.pendingCount() >= rule.inRow() && rule.forMillis() > 0
                ? state.pendingSince() + rule.forMillis() : NO_TIMER;
    }

    @Override
    public ThresholdState onTimer(ThresholdState state, long time, Alarms out) {
        long due = nextTimer(state);
        if (due == NO_TIMER || time < due) {
            return state;
        }
        return raise(state.pendingLevel(), state.pendingValue(), episodeStartOf(state), due, out);
    }

    private ThresholdState whileNormal(ThresholdState state, Reading reading, Alarms out) {
        double value = reading.value();
        long t = reading.eventTime().toEpochMilli();
        AlarmLevel overRange = rule.overRangeLevel(value);
        if (overRange != AlarmLevel.NONE) {
            return raise(overRange, value, t, rule.overRangeSetPoint(overRange, value), t, out);
        }
        AlarmLevel reached = rule.thresholds().levelOf(value);
        if (reached == AlarmLevel.NONE) {
            return ThresholdState.NONE;
        }
        int count = state.pending() ? state.pendingCount() + 1 : 1;
        long since = state.pending() ? state.pendingSince() : t;
        long readyAt = state.pending() && state.pendingReadyAt() != 0 ? state.pendingReadyAt()
                : count >= rule.inRow() ? t : 0;
        ThresholdState pending = new ThresholdState(AlarmLevel.NONE, null, null, reached, since, count, readyAt, value);
        if (count >= rule.inRow() && t - since >= rule.forMillis()) {
            return raise(reached, value, episodeStartOf(pending), t, out);
        }
        return pending;
    }

    /**
     * The same for the reading and the timer path, so that a replay that takes the other path names the
     * episode identically: when the run had both its readings and its time.
     */
    private long episodeStartOf(ThresholdState pending) {
        return rule.forMillis() == 0 ? pending.pendingReadyAt()
                : Math.max(pending.pendingSince() + rule.forMillis(), pending.pendingReadyAt());
    }

    private ThresholdState raise(AlarmLevel level, double value, long episodeStart, long eventTime, Alarms out) {
        return raise(level, value, episodeStart, rule.thresholds().setPointFor(level, value), eventTime, out);
    }

    private ThresholdState raise(AlarmLevel level, double value, long episodeStart, Double setPoint, long eventTime,
                                 Alarms out) {
        out.emit(rule.event(AlarmEvent.THRESHOLD, level, AlarmTransition.RAISED, value, setPoint, episodeStart,
                eventTime, out.now()));
        return ThresholdState.open(level, Instant.ofEpochMilli(episodeStart), setPoint);
    }

    private ThresholdState whileActive(ThresholdState state, Reading reading, Alarms out) {
        Thresholds thresholds = rule.thresholds();
        double value = reading.value();
        long t = reading.eventTime().toEpochMilli();
        long start = state.episodeStart().toEpochMilli();
        if (thresholds.holdLevelOf(value) == AlarmLevel.NONE) {
            out.emit(rule.event(AlarmEvent.THRESHOLD, AlarmLevel.NONE, AlarmTransition.CLEARED, value,
                    state.raisedSetPoint(), start, t, out.now()));
            return ThresholdState.NONE;
        }
        AlarmLevel overRange = rule.overRangeLevel(value);
        AlarmLevel reached = overRange.isAbove(thresholds.levelOf(value)) ? overRange : thresholds.levelOf(value);
        if (!reached.isAbove(state.level())) {
            return state;
        }
        Double setPoint = reached == overRange ? rule.overRangeSetPoint(reached, value)
                : thresholds.setPointFor(reached, value);
        out.emit(rule.event(AlarmEvent.THRESHOLD, reached, AlarmTransition.ESCALATED, value, setPoint, start, t,
                out.now()));
        return ThresholdState.open(reached, state.episodeStart(), state.raisedSetPoint());
    }
}
