package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.model.Reading;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import okhttp3.OkHttpClient;

/**
 * Readings into InfluxDB 1.x, at least once: each writer buffers points and writes them before every
 * checkpoint completes, so a restart replays from Kafka whatever had not been written.
 */
public final class InfluxReadingSink implements Sink<Reading> {

    private final InfluxSettings settings;

    public InfluxReadingSink(InfluxSettings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<Reading> createWriter(WriterInitContext context) {
        InfluxDB influx = connect(settings.url());
        try {
            InfluxDatabase.ensure(influx, settings.database(), settings.retentionPolicy());
        } catch (RuntimeException e) {
            influx.close();
            throw e;
        }
        return new InfluxReadingWriter(influx, settings, context.getProcessingTimeService());
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
