package io.hazardwatch.streamjobs;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.detection.DeviceOfflineDetector;
import io.hazardwatch.streamjobs.influx.MinuteAggregate;
import java.time.Duration;
import java.util.Map;
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
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Detection on readings, and readings into the time-series store. Only wiring: the connectors come in
 * through the constructor ({@link ThresholdJobMain} picks the real ones), the decisions are in
 * {@link DetectionFunction} and the detectors behind it.
 * <pre>
 * readings ─► keyBy sensor ─► DetectionFunction ◄── rules (broadcast) ─► alarms
 *          ├► keyBy device ─► DeviceOfflineFunction ◄── rules (broadcast) ─► alarms
 *          ├► reading store (raw)
 *          └► keyBy sensor ─► 1-minute windows ─► aggregate store
 * </pre>
 */
public final class DetectionJob {

    /** Devices' clocks and the gateway's batching reorder readings by a few seconds at most. */
    static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    /** A source split without any reading for this long lets event time follow the wall clock. */
    static final Duration SILENCE_AFTER = Duration.ofSeconds(5);
    /** Readings up to this late still update their minute's aggregate (the point is rewritten). */
    static final Duration AGGREGATE_LATENESS = Duration.ofMinutes(5);

    private final Source<Reading, ?, ?> readings;
    private final Source<SensorSpec, ?, ?> rules;
    private final Sink<AlarmEvent> alarms;
    private final Sink<Reading> readingStore;
    private final Sink<MinuteAggregate> aggregateStore;
    private final Map<String, SensorSpec> sensors;

    /**
     * @param rules          rule updates while running
     * @param aggregateStore 1-minute aggregates per sensor; null to leave them out
     * @param sensors        the registry's rules at start, by sensor key string
     */
    public DetectionJob(Source<Reading, ?, ?> readings, Source<SensorSpec, ?, ?> rules, Sink<AlarmEvent> alarms,
                        Sink<Reading> readingStore, Sink<MinuteAggregate> aggregateStore,
                        Map<String, SensorSpec> sensors) {
        this.readings = readings;
        this.rules = rules;
        this.alarms = alarms;
        this.readingStore = readingStore;
        this.aggregateStore = aggregateStore;
        this.sensors = Map.copyOf(sensors);
    }

    public void build(StreamExecutionEnvironment env) {
        DataStream<Reading> stream = env
                .fromSource(readings, SilenceAwareWatermarks.strategy(MAX_OUT_OF_ORDERNESS, SILENCE_AFTER), "readings",
                        TypeInformation.of(Reading.class))
                .uid("readings-source");
        BroadcastStream<SensorSpec> ruleUpdates = env
                .fromSource(rules, neverHoldsBackEventTime(), "rules", TypeInformation.of(SensorSpec.class))
                .uid("rules-source")
                .broadcast(DetectionFunction.RULES);

        KeyedStream<Reading, String> bySensor = stream.keyBy(reading -> reading.sensorKey().toString(), Types.STRING);
        DataStream<AlarmEvent> sensorAlarms = bySensor.connect(ruleUpdates)
                .process(new DetectionFunction(sensors), TypeInformation.of(AlarmEvent.class))
                .name("detection").uid("detection");
        DataStream<AlarmEvent> offlineAlarms = stream.keyBy(DeviceOfflineDetector::deviceKey, Types.STRING)
                .connect(ruleUpdates)
                .process(new DeviceOfflineFunction(sensors), TypeInformation.of(AlarmEvent.class))
                .name("offline").uid("offline");
        // A sink each, chained to its operator: a union would make the sink a task of its own, one more network hop
        // (buffer timeout, thread hand-off) on every alarm's way to the board.
        sensorAlarms.sinkTo(alarms).name("alarms-sink").uid("alarms-sink");
        offlineAlarms.sinkTo(alarms).name("offline-alarms-sink").uid("offline-alarms-sink");

        // Chained to the source on purpose: the store writes on a thread of its own, so the source waits for it
        // only under back-pressure and at checkpoints; a separate task would serialize every reading once more.
        stream.sinkTo(readingStore).name("reading-store").uid("reading-store");

        if (aggregateStore != null) {
            bySensor.window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                    .allowedLateness(AGGREGATE_LATENESS)
                    .aggregate(new MinuteAggregate.Accumulate(), new MinuteAggregate.Close(),
                            TypeInformation.of(MinuteAggregate.Accumulator.class),
                            TypeInformation.of(MinuteAggregate.Accumulator.class), TypeInformation.of(MinuteAggregate.class))
                    .name("minute-aggregates").uid("minute-aggregates")
                    .sinkTo(aggregateStore).name("aggregate-store").uid("aggregate-store");
        }
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
