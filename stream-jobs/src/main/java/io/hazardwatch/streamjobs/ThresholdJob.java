package io.hazardwatch.streamjobs;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.SensorSpec;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Threshold alarms on readings, and readings into the time-series store. Only wiring: the connectors come
 * in through the constructor ({@link ThresholdJobMain} picks the real ones), the decisions are in
 * {@link ThresholdAlarmFunction} and the detector behind it.
 */
public final class ThresholdJob {

    /** Devices' clocks and the gateway's batching reorder readings by a few seconds at most. */
    static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    /** A source split (Kafka partition) without readings for this long stops holding back the watermark. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final Source<Reading, ?, ?> readings;
    private final Sink<AlarmEvent> alarms;
    private final Sink<Reading> readingStore;
    private final Map<String, SensorSpec> sensors;

    public ThresholdJob(Source<Reading, ?, ?> readings, Sink<AlarmEvent> alarms, Sink<Reading> readingStore,
                        Map<String, SensorSpec> sensors) {
        this.readings = readings;
        this.alarms = alarms;
        this.readingStore = readingStore;
        this.sensors = Map.copyOf(sensors);
    }

    public void build(StreamExecutionEnvironment env) {
        DataStream<Reading> stream = env
                .fromSource(readings, watermarks(), "readings", TypeInformation.of(Reading.class))
                .uid("readings-source");

        stream.keyBy(reading -> reading.sensorKey().toString(), Types.STRING)
                .process(new ThresholdAlarmFunction(sensors), TypeInformation.of(AlarmEvent.class))
                .name("threshold-alarms").uid("threshold-alarms")
                .sinkTo(alarms).name("alarms-sink").uid("alarms-sink");

        stream.sinkTo(readingStore).name("reading-store").uid("reading-store");
    }

    static WatermarkStrategy<Reading> watermarks() {
        return WatermarkStrategy.<Reading>forBoundedOutOfOrderness(MAX_OUT_OF_ORDERNESS)
                .withTimestampAssigner((reading, recordTimestamp) -> reading.eventTime().toEpochMilli())
                .withIdleness(IDLE_TIMEOUT);
    }
}
