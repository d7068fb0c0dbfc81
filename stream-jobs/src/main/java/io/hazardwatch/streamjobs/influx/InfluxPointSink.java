package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.model.Reading;
import io.hazardwatch.model.config.InfluxCredentials;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import io.hazardwatch.streamjobs.heartbeat.HeartbeatSink;
import io.hazardwatch.streamjobs.heartbeat.HeartbeatTimer;
import io.hazardwatch.streamjobs.heartbeat.HistoryPulse;
import java.time.Duration;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * Elements into InfluxDB 1.x as points, at least once: each writer buffers points and writes them before
 * every checkpoint completes, so a restart replays from Kafka whatever had not been written. A replayed point
 * has the same series and timestamp as before and so overwrites itself: replays are harmless.
 */
public final class InfluxPointSink<T> implements Sink<T> {

    private final InfluxSettings settings;
    private final String retention;
    private final PointMapper<T> toPoint;
    /** Null: no heartbeats. */
    private final HeartbeatSink heartbeats;

    /** @param retention duration of the retention policy if the sink has to create it, e.g. "30d" */
    public InfluxPointSink(InfluxSettings settings, String retention, PointMapper<T> toPoint) {
        this(settings, retention, toPoint, null);
    }

    /** @param heartbeats where each writer's HISTORY heartbeats go ({@link HistoryPulse}); null for none */
    public InfluxPointSink(InfluxSettings settings, String retention, PointMapper<T> toPoint, HeartbeatSink heartbeats) {
        this.settings = settings;
        this.retention = retention;
        this.toPoint = toPoint;
        this.heartbeats = heartbeats;
    }

    /** Raw readings, measurement {@code reading}, into the 30-day policy. */
    public static InfluxPointSink<Reading> readings(InfluxSettings settings) {
        return readings(settings, null);
    }

    /** Raw readings, each writer sending HISTORY heartbeats to {@code heartbeats}. */
    public static InfluxPointSink<Reading> readings(InfluxSettings settings, HeartbeatSink heartbeats) {
        return new InfluxPointSink<>(settings, InfluxSettings.RETENTION, ReadingPoints::toLine, heartbeats);
    }

    /** 1-minute aggregates, measurement {@code reading_1m}, into the long policy. */
    public static InfluxPointSink<MinuteAggregate> minuteAggregates(InfluxSettings settings) {
        return new InfluxPointSink<>(settings, InfluxSettings.AGGREGATE_RETENTION, MinuteAggregate::toLine);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        InfluxDB influx = connect(settings.url(), settings.login());
        try {
            InfluxDatabase.ensure(influx, settings.database(), settings.retentionPolicy(), retention, settings.login());
        } catch (RuntimeException e) {
            influx.close();
            throw e;
        }
        if (heartbeats == null) {
            return new InfluxPointWriter<>(influx, settings, context.getProcessingTimeService(), toPoint, null, null);
        }
        // started only once InfluxDB answered: a writer that cannot start (the task restarting) sends nothing
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        HistoryPulse pulse = new HistoryPulse(subtask);
        HeartbeatTimer timer = HeartbeatTimer.start(heartbeats, "history-" + subtask, () -> pulse.next(Instant.now()));
        return new InfluxPointWriter<>(influx, settings, context.getProcessingTimeService(), toPoint, pulse, timer);
    }

    /** Bounded timeouts, so that a hung InfluxDB fails a write (and so the retry) instead of the task hanging. */
    static InfluxDB connect(String url) {
        return connect(url, InfluxCredentials.NONE);
    }

    /** As {@link #connect(String)}, sending {@code login} with every request (none: no authentication). */
    public static InfluxDB connect(String url, InfluxCredentials login) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15))
                .writeTimeout(Duration.ofSeconds(15));
        return login.present() ? InfluxDBFactory.connect(url, login.username(), login.password(), http)
                : InfluxDBFactory.connect(url, http);
    }
}
