package io.hazardwatch.streamjobs.job;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.detection.DeviceOfflineDetector;
import io.hazardwatch.streamjobs.heartbeat.HeartbeatSink;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Detection on readings: alarms to Kafka, nothing else. Only wiring: the connectors come in through the
 * constructor ({@code app.JobsMain} picks the real ones), the decisions are in {@link DetectionFunction} and
 * the detectors behind it.
 * <pre>
 * readings ─► keyBy sensor ─► DetectionFunction ◄── rules (broadcast) ─► alarms
 *          └► keyBy device ─► DeviceOfflineFunction ◄── rules (broadcast) ─► alarms
 * </pre>
 * The history store is not in this job, not even at set-up ({@link HistoryJob} writes it): in one job a failing
 * store sink restarts the pipelined region it shares with the detectors, and an InfluxDB outage silenced every
 * alarm (issue 15, finding 1). A recording stage never sits in the path that raises alarms.
 */
public final class DetectionJob {

    /** Devices' clocks and the gateway's batching reorder readings by a few seconds at most. */
    static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    /** A source split without any reading for this long lets event time follow the wall clock. */
    static final Duration SILENCE_AFTER = Duration.ofSeconds(5);
    /**
     * A split that has not received its first reading since the job (re)started waits this long before event time
     * follows the wall clock, and a split catching up on a backlog waits this long in a pause: after a restart the
     * backlog can take tens of seconds to start arriving (TaskManagers re-deployed, Kafka connections made on a busy
     * machine), and a watermark at the wall clock meanwhile raised every device OFFLINE whose readings were queued
     * (559 false alarms after a JobManager takeover, issue 18).
     */
    static final Duration STARTUP_GRACE = Duration.ofSeconds(30);
    private final Source<Reading, ?, ?> readings;
    private final Source<SensorSpec, ?, ?> rules;
    private final Sink<AlarmEvent> alarms;
    private final Map<String, SensorSpec> sensors;
    private final HeartbeatSink heartbeats;

    /** Without heartbeats. */
    public DetectionJob(Source<Reading, ?, ?> readings, Source<SensorSpec, ?, ?> rules, Sink<AlarmEvent> alarms,
                        Map<String, SensorSpec> sensors) {
        this(readings, rules, alarms, sensors, null);
    }

    /**
     * @param rules      rule updates while running
     * @param sensors    the registry's rules at start, by sensor key string
     * @param heartbeats where each detection subtask's heartbeats go; null for none
     */
    public DetectionJob(Source<Reading, ?, ?> readings, Source<SensorSpec, ?, ?> rules, Sink<AlarmEvent> alarms,
                        Map<String, SensorSpec> sensors, HeartbeatSink heartbeats) {
        this.readings = readings;
        this.rules = rules;
        this.alarms = alarms;
        this.sensors = Map.copyOf(sensors);
        this.heartbeats = heartbeats;
    }

    /** The registry's sensors by sensor key string: the {@code sensors} this job is built with. */
    public static Map<String, SensorSpec> sensorsByKey(Registry registry) {
        return registry.sensors().stream()
                .collect(Collectors.toMap(spec -> spec.key().toString(), Function.identity()));
    }

    public void build(StreamExecutionEnvironment env) {
        DataStream<Reading> stream = env
                .fromSource(readings, SilenceAwareWatermarks.strategy(MAX_OUT_OF_ORDERNESS, SILENCE_AFTER, STARTUP_GRACE), "readings",
                        TypeInformation.of(Reading.class))
                .uid("readings-source");
        BroadcastStream<SensorSpec> ruleUpdates = env
                .fromSource(rules, neverHoldsBackEventTime(), "rules", TypeInformation.of(SensorSpec.class))
                .uid("rules-source")
                .broadcast(DetectionFunction.RULES);

        KeyedStream<Reading, String> bySensor = stream.keyBy(reading -> reading.sensorKey().toString(), Types.STRING);
        DataStream<AlarmEvent> sensorAlarms = bySensor.connect(ruleUpdates)
                .process(new DetectionFunction(sensors, heartbeats), TypeInformation.of(AlarmEvent.class))
                .name("detection").uid("detection");
        DataStream<AlarmEvent> offlineAlarms = stream.keyBy(DeviceOfflineDetector::deviceKey, Types.STRING)
                .connect(ruleUpdates)
                .process(new DeviceOfflineFunction(sensors), TypeInformation.of(AlarmEvent.class))
                .name("offline").uid("offline");
        // A sink each, chained to its operator: a union would make the sink a task of its own, one more network hop
        // (buffer timeout, thread hand-off) on every alarm's way to the board.
        sensorAlarms.sinkTo(alarms).name("alarms-sink").uid("alarms-sink");
        offlineAlarms.sinkTo(alarms).name("offline-alarms-sink").uid("offline-alarms-sink");
    }

    /**
     * Rule updates carry no event time. Their input must not hold back the detection operator's watermark
     * (the minimum of its inputs), so it always reports the end of time.
     */
    static WatermarkStrategy<SensorSpec> neverHoldsBackEventTime() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(SensorSpec event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }
}
