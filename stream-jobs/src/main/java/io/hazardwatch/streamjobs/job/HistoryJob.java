package io.hazardwatch.streamjobs.job;

import io.hazardwatch.model.Reading;
import io.hazardwatch.streamjobs.influx.MinuteAggregate;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Readings into the history store: raw, and as 1-minute aggregates per sensor. Only wiring: the connectors come
 * in through the constructor ({@code app.JobsMain} picks the real ones).
 * <pre>
 * readings ─┬► reading store (raw)
 *           └► keyBy sensor ─► 1-minute windows ─► aggregate store
 * </pre>
 * A job of its own, beside {@link DetectionJob}: when the store is down this job fails and restarts (as often as
 * it takes), and detection does not notice. It reads the readings with a consumer group of its own, so after an
 * outage it resumes from its last checkpoint and catches up from Kafka.
 */
public final class HistoryJob {

    /** Readings up to this late still update their minute's aggregate (the point is rewritten). */
    static final Duration AGGREGATE_LATENESS = Duration.ofMinutes(5);

    private final Source<Reading, ?, ?> readings;
    private final Sink<Reading> readingStore;
    private final Sink<MinuteAggregate> aggregateStore;

    /** @param aggregateStore 1-minute aggregates per sensor; null to leave them out */
    public HistoryJob(Source<Reading, ?, ?> readings, Sink<Reading> readingStore, Sink<MinuteAggregate> aggregateStore) {
        this.readings = readings;
        this.readingStore = readingStore;
        this.aggregateStore = aggregateStore;
    }

    public void build(StreamExecutionEnvironment env) {
        // the same event time as detection's, so that a minute closes once the readings have passed it; named apart
        // from detection's source, so that Flink's own log lines (source coordinator, tasks) say which job they are
        DataStream<Reading> stream = env
                .fromSource(readings, SilenceAwareWatermarks.strategy(DetectionJob.MAX_OUT_OF_ORDERNESS,
                        DetectionJob.SILENCE_AFTER, DetectionJob.STARTUP_GRACE), "history-readings", TypeInformation.of(Reading.class))
                .uid("history-readings-source");

        // Chained to the source on purpose: the store writes on a thread of its own, so the source waits for it
        // only under back-pressure and at checkpoints; a separate task would serialize every reading once more.
        stream.sinkTo(readingStore).name("reading-store").uid("reading-store");

        if (aggregateStore != null) {
            stream.keyBy(reading -> reading.sensorKey().toString(), Types.STRING)
                    .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                    .allowedLateness(AGGREGATE_LATENESS)
                    .aggregate(new MinuteWindow.Accumulate(), new MinuteWindow.Close(),
                            TypeInformation.of(MinuteAggregate.Accumulator.class),
                            TypeInformation.of(MinuteAggregate.Accumulator.class), TypeInformation.of(MinuteAggregate.class))
                    .name("minute-aggregates").uid("minute-aggregates")
                    .sinkTo(aggregateStore).name("aggregate-store").uid("aggregate-store");
        }
    }
}
