package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.Reading;

/**
 * One detection rule for one sensor (or, for offline, one device: {@link DeviceOfflineDetector}), in the shape of
 * a ThingsBoard rule node: built once from the sensor's {@link SensorRule} (its settings parsed and defaulted there),
 * then fed that sensor's readings and timers together with the state it returned last time. No Flink types: the
 * keyed function only stores the state and sets the timer that {@link #nextTimer} asks for. {@link Alarms} takes
 * what it decides and tells the call's clocks.
 *
 * @param <S> the detector's per-key state (a mutable POJO or a record; Flink stores it between calls)
 */
public interface Detector<S> {

    /** {@link #nextTimer} when the detector needs no timer. */
    long NO_TIMER = Long.MAX_VALUE;

    /** The state of a sensor without history. */
    S initialState();

    /** Judges one reading; readings arrive in event-time order per sensor (the wiring drops older ones). */
    S onReading(S state, Reading reading, Alarms out);

    /** Event time (epoch ms) at which the detector wants {@link #onTimer}, or {@link #NO_TIMER}. */
    default long nextTimer(S state) {
        return NO_TIMER;
    }

    /** Event time has reached {@code time} (the watermark passed it) without the reading that would have come first. */
    default S onTimer(S state, long time, Alarms out) {
        return state;
    }
}
