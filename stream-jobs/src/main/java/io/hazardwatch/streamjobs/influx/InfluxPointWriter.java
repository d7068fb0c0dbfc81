package io.hazardwatch.streamjobs.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers points and writes them in batches: when the batch is full, when the flush interval passes, and
 * whenever Flink flushes (before each checkpoint and at end of input). Every call, including the timer's,
 * runs on the task's mailbox thread, so the buffer needs no locking.
 */
final class InfluxPointWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxPointWriter.class);

    private final InfluxDB influx;
    private final InfluxSettings settings;
    private final ProcessingTimeService timers;
    private final List<Point> buffer = new ArrayList<>();
    private final PointMapper<T> toPoint;
    private ScheduledFuture<?> nextFlush;

    InfluxPointWriter(InfluxDB influx, InfluxSettings settings, ProcessingTimeService timers, PointMapper<T> toPoint) {
        this.influx = influx;
        this.toPoint = toPoint;
        this.settings = settings;
        this.timers = timers;
        scheduleFlush();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        buffer.add(toPoint.apply(element));
        if (buffer.size() >= settings.batchSize()) {
            writeBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBuffer();
    }

    @Override
    public void close() {
        // Nothing is written here: on cancel or failure the points since the last checkpoint are replayed.
        if (nextFlush != null) {
            nextFlush.cancel(false);
        }
        influx.close();
    }

    private void scheduleFlush() {
        long due = timers.getCurrentProcessingTime() + settings.flushInterval().toMillis();
        nextFlush = timers.registerTimer(due, time -> {
            writeBuffer();
            scheduleFlush();
        });
    }

    /** Writes and empties the buffer, retrying with back-off; throws once the attempts are used up. */
    void writeBuffer() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        BatchPoints batch = BatchPoints.database(settings.database())
                .retentionPolicy(settings.retentionPolicy())
                .precision(TimeUnit.MILLISECONDS)
                .points(buffer)
                .build();
        long backoff = settings.firstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                influx.write(batch);
                buffer.clear();
                return;
            } catch (InfluxDBException.PointsBeyondRetentionPolicyException e) {
                // A partial write: InfluxDB stored the rest and would delete these points anyway.
                LOG.warn("InfluxDB dropped points older than retention policy {}: {}", settings.retentionPolicy(),
                        e.getMessage());
                buffer.clear();
                return;
            } catch (InfluxDBException e) {
                if (!e.isRetryWorth() || attempt >= settings.maxAttempts()) {
                    throw new IOException("writing " + buffer.size() + " points to InfluxDB " + settings.url() + " "
                            + settings.database() + "." + settings.retentionPolicy() + " failed after " + attempt
                            + " attempt(s): " + e.getMessage(), e);
                }
                LOG.warn("writing {} points to InfluxDB failed (attempt {} of {}), retrying in {} ms: {}",
                        buffer.size(), attempt, settings.maxAttempts(), backoff, e.getMessage());
                Thread.sleep(backoff);
                backoff *= 2;
            }
        }
    }
}
