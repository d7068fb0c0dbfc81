package io.hazardwatch.streamjobs.job;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.detection.DeviceOfflineDetector;
import io.hazardwatch.streamjobs.detection.DeviceState;
import io.hazardwatch.streamjobs.detection.SensorRule;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Offline detection, keyed by device ({@code enterprise/device}): keeps each device's {@link DeviceState}, one
 * event-time timer per device ({@link KeyedDetection}, shared with {@link DetectionFunction}), and lets the device's
 * {@link DeviceOfflineDetector} (built once per device) decide between one device alarm and sensor alarms. Each
 * sensor's offline interval comes from its current rule (registry, then the rules topic), as in
 * {@link DetectionFunction}; readings of sensors without a rule are ignored here, and a device none of whose
 * sensors has a rule any more (they left the registry the job was restarted with) loses its state and timer.
 */
public class DeviceOfflineFunction extends KeyedBroadcastProcessFunction<String, Reading, SensorSpec, AlarmEvent> {

    private final HashMap<String, SensorSpec> initialRules;

    private transient KeyedDetection<DeviceState> keyed;
    /** Parsed rules by sensor key, rebuilt when the spec changes. */
    private transient RuleCache<SensorRule> parsed;
    /** The detector of each device this subtask has seen, by device key. */
    private transient Map<String, DeviceOfflineDetector> detectors;
    /** The rules as the current call sees them: the detectors read their sensors' rules through it. */
    private transient ReadOnlyBroadcastState<String, SensorSpec> running;

    /** @param initialRules sensor key string → spec, from the registry loaded when the job was built */
    public DeviceOfflineFunction(Map<String, SensorSpec> initialRules) {
        this.initialRules = new HashMap<>(initialRules);
    }

    @Override
    public void open(OpenContext openContext) {
        keyed = KeyedDetection.ofDevices(getRuntimeContext());
        parsed = new RuleCache<>(SensorRule::of);
        detectors = new HashMap<>();
    }

    @Override
    public void processElement(Reading reading, ReadOnlyContext ctx, Collector<AlarmEvent> out) throws Exception {
        running = ctx.getBroadcastState(DetectionFunction.RULES);
        String key = ctx.getCurrentKey();
        DeviceOfflineDetector detector = detectorOf(key);
        DeviceState current = keyed.state();
        if (ruleOf(key + "/" + reading.sensor()) == null) {
            // dropped and logged by DetectionFunction
            forgetIfUnmonitored(key, detector, current, ctx.timerService());
            return;
        }
        if (current == null) {
            current = detector.initialState();
        }
        keyed.onReading(detector, current, reading, ctx.timerService(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlarmEvent> out) throws Exception {
        DeviceState current = keyed.state();
        if (current == null) {
            return;
        }
        running = ctx.getBroadcastState(DetectionFunction.RULES);
        String key = ctx.getCurrentKey();
        DeviceOfflineDetector detector = detectorOf(key);
        if (forgetIfUnmonitored(key, detector, current, ctx.timerService())) {
            return;
        }
        keyed.onTimer(detector, current, timestamp, ctx.timerService(), out);
    }

    @Override
    public void processBroadcastElement(SensorSpec rule, Context ctx, Collector<AlarmEvent> out) throws Exception {
        RuleUpdates.apply(ctx.getBroadcastState(DetectionFunction.RULES), initialRules, rule, false);
    }

    /** Drops the device's state, timer and detector when none of its sensors has a rule; returns whether it did. */
    private boolean forgetIfUnmonitored(String key, DeviceOfflineDetector detector, DeviceState current,
                                        TimerService timers) throws Exception {
        if (current == null || detector.monitors(current)) {
            return false;
        }
        keyed.forget(timers);
        detectors.remove(key);
        return true;
    }

    private DeviceOfflineDetector detectorOf(String deviceKey) {
        DeviceOfflineDetector detector = detectors.get(deviceKey);
        if (detector == null) {
            int slash = deviceKey.indexOf('/');
            String prefix = deviceKey + "/";
            detector = new DeviceOfflineDetector(deviceKey.substring(0, slash), deviceKey.substring(slash + 1),
                    sensor -> ruleOf(prefix + sensor));
            detectors.put(deviceKey, detector);
        }
        return detector;
    }

    /** The sensor's current parsed rule, null if it has none. */
    private SensorRule ruleOf(String sensorKey) {
        SensorSpec spec;
        try {
            spec = RuleUpdates.current(running, initialRules, sensorKey);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the rules state", e);
        }
        return spec == null ? null : parsed.get(sensorKey, spec);
    }
}
