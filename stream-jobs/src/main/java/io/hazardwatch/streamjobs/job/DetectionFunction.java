package io.hazardwatch.streamjobs.job;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.detection.SensorDetectors;
import io.hazardwatch.streamjobs.detection.SensorState;
import io.hazardwatch.streamjobs.heartbeat.DetectionPulse;
import io.hazardwatch.streamjobs.heartbeat.HeartbeatSink;
import io.hazardwatch.streamjobs.heartbeat.HeartbeatTimer;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each sensor's {@link SensorState} in Flink state, sets the one event-time timer its detectors ask
 * for ({@link KeyedDetection}, shared with {@link DeviceOfflineFunction}), and lets {@link SensorDetectors} decide.
 * Keyed by the sensor key string. Rules come from the registry the job was built with and, while it runs, from the
 * rules topic (broadcast state: the newest version of a sensor's rule wins), so a changed set point applies without
 * a restart and its version is on every alarm. A sensor found without a rule (it left the registry the job was
 * restarted with) loses its state and timer at its next reading or timer.
 * Each subtask sends a DETECTION heartbeat every few seconds ({@link DetectionPulse}) from a timer it owns, so
 * the heartbeats stop when the task dies.
 */
public class DetectionFunction extends KeyedBroadcastProcessFunction<String, Reading, SensorSpec, AlarmEvent> {

    /** Rules received while running, by sensor key; checkpointed with the job. */
    public static final MapStateDescriptor<String, SensorSpec> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(SensorSpec.class));

    private static final Logger LOG = LoggerFactory.getLogger(DetectionFunction.class);

    /** The registry the job was built with; shipped inside the function (Java serialization). */
    private final HashMap<String, SensorSpec> initialRules;
    /** Null: no heartbeats. */
    private final HeartbeatSink heartbeats;

    private transient KeyedDetection<SensorState> keyed;
    /** Detectors built once per sensor and rule, not per reading. */
    private transient RuleCache<SensorDetectors> detectors;
    private transient Set<String> reportedUnknown;
    private transient Counter unknownSensorReadings;
    private transient Counter lateReadings;
    private transient Counter outOfOrderReadings;
    private transient DetectionPulse pulse;
    private transient HeartbeatTimer heartbeatTimer;
    /**
     * The processing time of the one timer that reads the watermark for the heartbeat while no reading comes
     * (watermarks advance while the input is silent, and nothing else here would see them). One timer per
     * heartbeat interval at most, whatever the key it was registered under.
     */
    private transient long watermarkCheckAt;

    /** @param initialRules sensor key string → spec, from the registry loaded when the job was built */
    public DetectionFunction(Map<String, SensorSpec> initialRules) {
        this(initialRules, null);
    }

    /** @param heartbeats where each subtask's DETECTION heartbeats go; null for none */
    public DetectionFunction(Map<String, SensorSpec> initialRules, HeartbeatSink heartbeats) {
        this.initialRules = new HashMap<>(initialRules);
        this.heartbeats = heartbeats;
    }

    @Override
    public void open(OpenContext openContext) {
        keyed = KeyedDetection.ofSensors(getRuntimeContext());
        detectors = new RuleCache<>(SensorDetectors::of);
        reportedUnknown = new HashSet<>();
        var metrics = getRuntimeContext().getMetricGroup();
        unknownSensorReadings = metrics.counter("unknownSensorReadings");
        lateReadings = metrics.counter("lateReadings");
        outOfOrderReadings = metrics.counter("outOfOrderReadings");
        if (heartbeats != null) {
            int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
            pulse = new DetectionPulse(subtask, heartbeats.interval().toSeconds());
            heartbeatTimer = HeartbeatTimer.start(heartbeats, "detection-" + subtask, () -> pulse.next(Instant.now()));
        }
    }

    @Override
    public void close() {
        if (heartbeatTimer != null) {
            heartbeatTimer.close();
        }
    }

    @Override
    public void processElement(Reading reading, ReadOnlyContext ctx, Collector<AlarmEvent> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (pulse != null) {
            if (reading.ingestTime() != null) {
                pulse.onReading(reading.ingestTime().toEpochMilli(), now, ctx.timerService().currentWatermark());
            }
            scheduleWatermarkCheck(ctx.timerService(), now);
        }
        String key = ctx.getCurrentKey();
        SensorDetectors sensor = detectorsFor(key, ctx.getBroadcastState(RULES));
        if (sensor == null) {
            keyed.forget(ctx.timerService()); // a sensor that left the rules: judged no more
            dropUnknown(key);
            return;
        }
        if (reading.eventTime().toEpochMilli() <= ctx.timerService().currentWatermark()) {
            lateReadings.inc(); // judged all the same when newer than the sensor's last reading (README: late data)
        }
        SensorState current = sensor.prepare(keyed.state());
        if (sensor.isOutOfOrder(current, reading)) {
            outOfOrderReadings.inc();
        }
        keyed.onReading(sensor, current, reading, ctx.timerService(), out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlarmEvent> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            // only the heartbeat's watermark check uses processing time
            if (pulse != null) {
                pulse.onWatermark(ctx.timerService().currentWatermark());
                scheduleWatermarkCheck(ctx.timerService(), timestamp);
            }
            return;
        }
        if (pulse != null) {
            pulse.onWatermark(ctx.timerService().currentWatermark());
        }
        SensorState current = keyed.state();
        if (current == null) {
            return;
        }
        SensorDetectors sensor = detectorsFor(ctx.getCurrentKey(), ctx.getBroadcastState(RULES));
        if (sensor == null) {
            keyed.forget(ctx.timerService()); // a sensor that left the rules (a restart with another registry)
            return;
        }
        keyed.onTimer(sensor, sensor.prepare(current), timestamp, ctx.timerService(), out);
    }

    @Override
    public void processBroadcastElement(SensorSpec rule, Context ctx, Collector<AlarmEvent> out) throws Exception {
        RuleUpdates.apply(ctx.getBroadcastState(RULES), initialRules, rule, true);
    }

    /** Registers the next watermark check, at the next multiple of the heartbeat interval, unless it is registered. */
    private void scheduleWatermarkCheck(org.apache.flink.streaming.api.TimerService timers, long now) {
        long every = heartbeats.interval().toMillis();
        long at = (now / every + 1) * every;
        if (at > watermarkCheckAt) {
            timers.registerProcessingTimeTimer(at);
            watermarkCheckAt = at;
        }
    }

    /** The sensor's detectors for its current rule: the running rule if one came, else the registry's. */
    private SensorDetectors detectorsFor(String key, ReadOnlyBroadcastState<String, SensorSpec> running)
            throws Exception {
        SensorSpec spec = RuleUpdates.current(running, initialRules, key);
        if (spec == null) {
            return null;
        }
        return detectors.get(key, spec);
    }

    /**
     * The gateway only lets registered sensors through, so this means the job runs with another registry
     * than the gateway. Logged once per sensor (and counted) so that it cannot flood the log.
     */
    private void dropUnknown(String sensorKey) {
        unknownSensorReadings.inc();
        if (reportedUnknown.add(sensorKey)) {
            LOG.warn("dropping readings of sensor {}: not in this job's rules (publish the registry's rules to the rules topic)",
                    sensorKey);
        }
    }
}
