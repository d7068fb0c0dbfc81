package io.hazardwatch.streamjobs;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.detection.Detection;
import io.hazardwatch.streamjobs.detection.ThresholdDetector;
import io.hazardwatch.streamjobs.detection.ThresholdState;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each sensor's {@link ThresholdState} in Flink state and lets {@link ThresholdDetector} decide.
 * Keyed by the sensor key string. State exists only while an alarm episode is open.
 */
public class ThresholdAlarmFunction extends KeyedProcessFunction<String, Reading, AlarmEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ThresholdAlarmFunction.class);

    /** Shipped to the task managers inside the function (Java serialization). */
    private final HashMap<String, SensorSpec> sensors;

    private transient ThresholdDetector detector;
    private transient ValueState<ThresholdState> state;
    private transient Set<String> reportedUnknown;
    private transient Counter unknownSensorReadings;

    /** @param sensors sensor key string → spec, from the registry loaded when the job was built */
    public ThresholdAlarmFunction(Map<String, SensorSpec> sensors) {
        this.sensors = new HashMap<>(sensors);
    }

    @Override
    public void open(OpenContext openContext) {
        detector = new ThresholdDetector();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("threshold-state", ThresholdState.class));
        reportedUnknown = new HashSet<>();
        unknownSensorReadings = getRuntimeContext().getMetricGroup().counter("unknownSensorReadings");
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<AlarmEvent> out) throws Exception {
        SensorSpec spec = sensors.get(ctx.getCurrentKey());
        if (spec == null) {
            dropUnknown(ctx.getCurrentKey());
            return;
        }
        ThresholdState stored = state.value();
        ThresholdState current = stored == null ? ThresholdState.NONE : stored;
        Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
        Detection detection = detector.evaluate(spec, current, reading, now);
        detection.event().ifPresent(out::collect);
        if (detection.state().active()) {
            state.update(detection.state());
        } else {
            state.clear();
        }
    }

    /**
     * The gateway only lets registered sensors through, so this means the job runs with another registry
     * version than the gateway. Logged once per sensor (and counted) so that it cannot flood the log.
     */
    private void dropUnknown(String sensorKey) {
        unknownSensorReadings.inc();
        if (reportedUnknown.add(sensorKey)) {
            LOG.warn("dropping readings of sensor {}: not in this job's registry (registry differs from the gateway's; restart the job with the current registry)",
                    sensorKey);
        }
    }
}
