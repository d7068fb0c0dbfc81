package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;

/**
 * The threshold detector with flapping suppression. When the threshold alarm is raised or cleared
 * {@code flapChanges} times within {@code flapWindow}, one FLAPPING alarm is raised and further threshold
 * transitions are held back, until the threshold alarm has not changed for a whole window; then FLAPPING
 * clears and one catch-up transition brings the threshold alarm on the board to the detector's state.
 * A rise to a higher level than the board shows is never held back: it is published at once.
 */
public final class FlappingGuard implements Detector<FlapState> {

    private final SensorRule rule;
    private final ThresholdDetector threshold;
    /** The inner detector's output before the guard judges it; one per guard, calls are single-threaded. */
    private final Alarms inner = new Alarms(null);

    public FlappingGuard(SensorRule rule) {
        this.rule = rule;
        this.threshold = new ThresholdDetector(rule);
    }

    @Override
    public FlapState initialState() {
        FlapState state = new FlapState();
        state.changes = new long[Math.max(rule.flapChanges(), 0)];
        return state;
    }

    @Override
    public FlapState onReading(FlapState state, Reading reading, Alarms out) {
        state.threshold = threshold.onReading(state.threshold, reading, inner.reset(out.now(), out.watermark()));
        if (Double.isFinite(reading.value())) {
            state.lastValue = reading.value();
        }
        long t = reading.eventTime().toEpochMilli();
        judge(state, t, out);
        return state;
    }

    /**
     * A reading older than the sensor's newest ({@link ThresholdDetector#onLateReading}: it may only raise or
     * escalate), judged as of {@code newest}, the sensor's newest event time.
     */
    public FlapState onLateReading(FlapState state, Reading reading, long newest, Alarms out) {
        state.threshold = threshold.onLateReading(state.threshold, reading, inner.reset(out.now(), out.watermark()));
        judge(state, newest, out);
        return state;
    }

    @Override
    public long nextTimer(FlapState state) {
        long settle = state.flapping ? state.lastChange + rule.flapWindowMillis() : NO_TIMER;
        return Math.min(settle, threshold.nextTimer(state.threshold));
    }

    @Override
    public FlapState onTimer(FlapState state, long time, Alarms out) {
        state.threshold = threshold.onTimer(state.threshold, time, inner.reset(out.now(), out.watermark()));
        judge(state, time, out);
        return state;
    }

    private void judge(FlapState state, long t, Alarms out) {
        for (AlarmEvent event : inner.events()) {
            if (event.transition() != AlarmTransition.ESCALATED) {
                recordChange(state, event.eventTime().toEpochMilli());
            }
            if (!state.flapping && startsFlapping(state, t)) {
                state.flapping = true;
                state.flapStart = t;
                out.emit(rule.event(AlarmEvent.FLAPPING, AlarmLevel.FIRST, AlarmTransition.RAISED, event.value(), null,
                        t, t, out.now(), (double) rule.flapChanges(), rule.flapWindowMillis() / 1000, null, null));
            } else if (!state.flapping) {
                out.emit(event);
                published(state, event);
            }
        }
        if (state.flapping && state.threshold.level().isAbove(state.publishedLevel)) {
            catchUp(state, t, out);
        }
        if (state.flapping && t - state.lastChange >= rule.flapWindowMillis()) {
            state.flapping = false;
            state.changeCount = 0;
            out.emit(rule.event(AlarmEvent.FLAPPING, AlarmLevel.NONE, AlarmTransition.CLEARED, state.lastValue, null,
                    state.flapStart, t, out.now(), (double) rule.flapChanges(), rule.flapWindowMillis() / 1000, null, null));
            catchUp(state, t, out);
        }
    }

    private void recordChange(FlapState state, long time) {
        if (state.changes.length > 0) {
            state.changes[state.changeCount % state.changes.length] = time;
        }
        state.changeCount++;
        state.lastChange = time;
    }

    /** The ring is full and its oldest change is still inside the window. */
    private boolean startsFlapping(FlapState state, long t) {
        int n = state.changes.length;
        if (n == 0 || state.changeCount < n) {
            return false;
        }
        long oldest = state.changes[state.changeCount % n];
        return t - oldest < rule.flapWindowMillis();
    }

    /** Publishes what it takes to make the board's threshold alarm match the detector's state. */
    private void catchUp(FlapState state, long t, Alarms out) {
        ThresholdState now = state.threshold;
        boolean shown = state.publishedLevel != AlarmLevel.NONE;
        long episode = now.active() ? now.episodeStart().toEpochMilli() : 0;
        if (shown && (!now.active() || episode != state.publishedEpisode)) {
            AlarmEvent cleared = rule.event(AlarmEvent.THRESHOLD, AlarmLevel.NONE, AlarmTransition.CLEARED,
                    state.lastValue, state.publishedSetPoint, state.publishedEpisode, t, out.now());
            out.emit(cleared);
            published(state, cleared);
            shown = false;
        }
        if (now.active() && !shown) {
            AlarmEvent raised = rule.event(AlarmEvent.THRESHOLD, now.level(), AlarmTransition.RAISED, state.lastValue,
                    now.raisedSetPoint(), episode, t, out.now());
            out.emit(raised);
            published(state, raised);
        } else if (now.active() && now.level().isAbove(state.publishedLevel)) {
            AlarmEvent escalated = rule.event(AlarmEvent.THRESHOLD, now.level(), AlarmTransition.ESCALATED,
                    state.lastValue, rule.thresholds().setPointFor(now.level(), state.lastValue), episode, t, out.now());
            out.emit(escalated);
            published(state, escalated);
        }
    }

    private static void published(FlapState state, AlarmEvent event) {
        state.publishedLevel = event.level();
        state.publishedEpisode = event.episodeStart().toEpochMilli();
        if (event.transition() == AlarmTransition.RAISED) {
            state.publishedSetPoint = event.threshold();
        }
    }
}
