package io.hazardwatch.streamjobs.job;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.detection.Alarms;
import io.hazardwatch.streamjobs.detection.DeviceOfflineDetector;
import io.hazardwatch.streamjobs.detection.DeviceState;
import io.hazardwatch.streamjobs.detection.Detector;
import io.hazardwatch.streamjobs.detection.SensorRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Offline detection, keyed by device ({@code enterprise/device}): keeps each device's {@link DeviceState}, one
 * event-time timer per device, and lets {@link DeviceOfflineDetector} decide between one device alarm and
 * sensor alarms. Each sensor's offline interval comes from its current rule (registry, then the rules topic),
 * as in {@link DetectionFunction}; readings of sensors without a rule are ignored here.
 */
public class DeviceOfflineFunction extends KeyedBroadcastProcessFunction<String, Reading, SensorSpec, AlarmEvent> {

    private final HashMap<String, SensorSpec> initialRules;

    private transient ValueState<DeviceState> state;
    /** Parsed rules by sensor key, rebuilt when the spec changes. */
    private transient RuleCache<SensorRule> parsed;
    private transient Alarms alarms;

    /** @param initialRules sensor key string → spec, from the registry loaded when the job was built */
    public DeviceOfflineFunction(Map<String, SensorSpec> initialRules) {
        this.initialRules = new HashMap<>(initialRules);
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("device-state", DeviceState.class));
        parsed = new RuleCache<>(SensorRule::of);
        alarms = new Alarms(null);
    }

    @Override
    public void processElement(Reading reading, ReadOnlyContext ctx, Collector<AlarmEvent> out) throws Exception {
        Function<String, SensorRule> rules = rulesOf(reading.enterprise(), reading.device(),
                ctx.getBroadcastState(DetectionFunction.RULES));
        SensorRule rule = rules.apply(reading.sensor());
        if (rule == null) {
            return; // dropped and logged by DetectionFunction
        }
        DeviceState current = state.value();
        if (current == null) {
            current = new DeviceState();
        }
        alarms.reset(Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()));
        DeviceOfflineDetector detector = new DeviceOfflineDetector(reading.enterprise(), reading.device());
        detector.onReading(current, reading, ctx.timerService().currentWatermark(), rule, rules, alarms);
        emit(out);
        armTimer(detector, current, ctx.timerService());
        state.update(current);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlarmEvent> out) throws Exception {
        DeviceState current = state.value();
        if (current == null) {
            return;
        }
        String key = ctx.getCurrentKey();
        int slash = key.indexOf('/');
        String enterprise = key.substring(0, slash);
        String device = key.substring(slash + 1);
        if (current.timer == timestamp) {
            current.timer = Detector.NO_TIMER;
        }
        alarms.reset(Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()));
        DeviceOfflineDetector detector = new DeviceOfflineDetector(enterprise, device);
        detector.onTimer(current, ctx.timerService().currentWatermark(),
                rulesOf(enterprise, device, ctx.getBroadcastState(DetectionFunction.RULES)), alarms);
        emit(out);
        armTimer(detector, current, ctx.timerService());
        state.update(current);
    }

    @Override
    public void processBroadcastElement(SensorSpec rule, Context ctx, Collector<AlarmEvent> out) throws Exception {
        RuleUpdates.apply(ctx.getBroadcastState(DetectionFunction.RULES), initialRules, rule, false);
    }

    private static void armTimer(DeviceOfflineDetector detector, DeviceState current, TimerService timers) {
        long next = detector.nextTimer(current);
        if (next != Detector.NO_TIMER && next < current.timer) {
            timers.registerEventTimeTimer(next);
            current.timer = next;
        }
    }

    private void emit(Collector<AlarmEvent> out) {
        for (AlarmEvent event : alarms.events()) {
            out.collect(event);
        }
    }

    /** Sensor id → its current parsed rule, for the sensors of one device. */
    private Function<String, SensorRule> rulesOf(String enterprise, String device,
                                                 ReadOnlyBroadcastState<String, SensorSpec> running) {
        String prefix = enterprise + "/" + device + "/";
        return sensor -> {
            String key = prefix + sensor;
            SensorSpec spec;
            try {
                spec = RuleUpdates.current(running, initialRules, key);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the rules state", e);
            }
            if (spec == null) {
                return null;
            }
            return parsed.get(key, spec);
        };
    }
}
