package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.model.Reading;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import java.time.Duration;
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

    /** @param retention duration of the retention policy if the sink has to create it, e.g. "30d" */
    public InfluxPointSink(InfluxSettings settings, String retention, PointMapper<T> toPoint) {
        this.settings = settings;
        this.retention = retention;
        this.toPoint = toPoint;
    }

    /** Raw readings, measurement {@code reading}, into the 30-day policy. */
    public static InfluxPointSink<Reading> readings(InfluxSettings settings) {
        return new InfluxPointSink<>(settings, InfluxSettings.RETENTION, ReadingPoints::toLine);
    }

    /** 1-minute aggregates, measurement {@code reading_1m}, into the long policy. */
    public static InfluxPointSink<MinuteAggregate> minuteAggregates(InfluxSettings settings) {
        return new InfluxPointSink<>(settings, InfluxSettings.AGGREGATE_RETENTION, MinuteAggregate::toLine);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        InfluxDB influx = connect(settings.url());
        try {
            InfluxDatabase.ensure(influx, settings.database(), settings.retentionPolicy(), retention);
        } catch (RuntimeException e) {
            influx.close();
            throw e;
        }
        return new InfluxPointWriter<>(influx, settings, context.getProcessingTimeService(), toPoint);
    }

    /** Bounded timeouts, so that a hung InfluxDB fails a write (and so the retry) instead of the task hanging. */
    static InfluxDB connect(String url) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15))
                .writeTimeout(Duration.ofSeconds(15));
        return InfluxDBFactory.connect(url, http);
    }
}
