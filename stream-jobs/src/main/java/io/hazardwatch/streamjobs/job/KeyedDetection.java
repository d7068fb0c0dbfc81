package io.hazardwatch.streamjobs.job;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.streamjobs.detection.Alarms;
import io.hazardwatch.streamjobs.detection.Detector;
import io.hazardwatch.streamjobs.detection.DeviceState;
import io.hazardwatch.streamjobs.detection.SensorState;
import java.io.IOException;
import java.time.Instant;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * The mechanics both keyed detection functions share around their detectors: the key's state, the one event-time
 * timer the key has registered (the earliest any detector asked for, kept in the state itself), the alarms of a
 * call, and forgetting a key that has nothing left to judge. The functions decide nothing here.
 *
 * @param <S> the key's state (a Flink POJO with a field for its registered timer)
 */
final class KeyedDetection<S> {

    private final ValueState<S> state;
    private final ToLongFunction<S> registeredTimer;
    private final ObjLongConsumer<S> setRegisteredTimer;
    private final Alarms alarms = new Alarms(null);

    private KeyedDetection(ValueState<S> state, ToLongFunction<S> registeredTimer,
                           ObjLongConsumer<S> setRegisteredTimer) {
        this.state = state;
        this.registeredTimer = registeredTimer;
        this.setRegisteredTimer = setRegisteredTimer;
    }

    /** The per-sensor state of {@link DetectionFunction}. */
    static KeyedDetection<SensorState> ofSensors(RuntimeContext runtime) {
        return open(runtime, "sensor-state", SensorState.class, s -> s.timer, (s, timer) -> s.timer = timer);
    }

    /** The per-device state of {@link DeviceOfflineFunction}. */
    static KeyedDetection<DeviceState> ofDevices(RuntimeContext runtime) {
        return open(runtime, "device-state", DeviceState.class, s -> s.timer, (s, timer) -> s.timer = timer);
    }

    /**
     * @param stateName       the keyed state's name (in checkpoints: never change it)
     * @param registeredTimer reads the timer recorded in a state, {@link Detector#NO_TIMER} when none
     */
    private static <S> KeyedDetection<S> open(RuntimeContext runtime, String stateName, Class<S> type,
                                              ToLongFunction<S> registeredTimer, ObjLongConsumer<S> setRegisteredTimer) {
        return new KeyedDetection<>(runtime.getState(new ValueStateDescriptor<>(stateName, type)), registeredTimer,
                setRegisteredTimer);
    }

    /** The current key's state; null when it has none. */
    S state() throws IOException {
        return state.value();
    }

    /** Lets {@code detector} judge {@code reading} with the key's state {@code s}, then {@link #finish}es. */
    void onReading(Detector<S> detector, S s, Reading reading, TimerService timers, Collector<AlarmEvent> out)
            throws IOException {
        finish(detector, detector.onReading(s, reading, begin(timers)), timers, out);
    }

    /**
     * The key's timer at {@code timestamp} has fired: {@code s} has no timer registered any more, and
     * {@code detector} is told where event time stands; then {@link #finish}es.
     */
    void onTimer(Detector<S> detector, S s, long timestamp, TimerService timers, Collector<AlarmEvent> out)
            throws IOException {
        if (registeredTimer.applyAsLong(s) == timestamp) {
            setRegisteredTimer.accept(s, Detector.NO_TIMER);
        }
        Alarms call = begin(timers);
        finish(detector, detector.onTimer(s, call.watermark(), call), timers, out);
    }

    /** Empty alarms for a call, at the timer service's two clocks (detection time, watermark). */
    private Alarms begin(TimerService timers) {
        return alarms.reset(Instant.ofEpochMilli(timers.currentProcessingTime()), timers.currentWatermark());
    }

    /**
     * Ends a call: sends the alarms the detector decided on, registers the timer it wants when that is earlier than
     * the one registered, and stores {@code s}.
     */
    private void finish(Detector<S> detector, S s, TimerService timers, Collector<AlarmEvent> out)
            throws IOException {
        for (AlarmEvent event : alarms.events()) {
            out.collect(event);
        }
        long wanted = detector.nextTimer(s);
        if (wanted != Detector.NO_TIMER && wanted < registeredTimer.applyAsLong(s)) {
            timers.registerEventTimeTimer(wanted);
            setRegisteredTimer.accept(s, wanted);
        }
        state.update(s);
    }

    /**
     * Drops the current key's state and the timer it has registered: its rule is gone (the sensor left the
     * registry), so nothing of it will be judged again, and its state would otherwise stay in every checkpoint.
     */
    void forget(TimerService timers) throws IOException {
        S s = state.value();
        if (s == null) {
            return;
        }
        long timer = registeredTimer.applyAsLong(s);
        if (timer != Detector.NO_TIMER) {
            timers.deleteEventTimeTimer(timer);
        }
        state.clear();
    }
}
