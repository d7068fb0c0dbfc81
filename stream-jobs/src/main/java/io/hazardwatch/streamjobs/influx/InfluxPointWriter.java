package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.streamjobs.heartbeat.HeartbeatTimer;
import io.hazardwatch.streamjobs.heartbeat.HistoryPulse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers points on the task thread and hands each batch to its own writer thread: when the batch is full,
 * when the flush interval passes, and whenever Flink flushes (before each checkpoint and at end of input).
 * The task thread thus never waits for InfluxDB, except
 * <ul>
 *   <li>when {@link #MAX_BATCHES_IN_FLIGHT} batches are handed over and not yet written: a full batch then
 *       waits for room (back-pressure, as InfluxDB is slower than the input);</li>
 *   <li>in {@link #flush}, which waits until every handed-over batch is written, so that no checkpoint
 *       completes with points that are not in InfluxDB (at least once).</li>
 * </ul>
 * A write that still fails after its retries fails the job: the next {@code write} or {@code flush} (or the
 * flush timer) throws it, and the job restarts from its last checkpoint.
 */
final class InfluxPointWriter<T> implements SinkWriter<T> {

    /**
     * Batches handed over and not yet written: one being written and up to two waiting, which the writer
     * thread then sends as one request. Bounds both the memory and the wait of a checkpoint.
     */
    static final int MAX_BATCHES_IN_FLIGHT = 3;

    private static final Logger LOG = LoggerFactory.getLogger(InfluxPointWriter.class);

    private final InfluxDB influx;
    private final InfluxSettings settings;
    private final ProcessingTimeService timers;
    private final PointMapper<T> toPoint;
    /** The HISTORY heartbeat's figures and its timer; both null without heartbeats. */
    private final HistoryPulse pulse;
    private final HeartbeatTimer heartbeat;
    /** Touched by the task thread only. */
    private List<String> buffer;
    private ScheduledFuture<?> nextFlush;

    /** A permit per batch that may be in flight; the writer thread gives it back once the batch is done. */
    private final Semaphore room = new Semaphore(MAX_BATCHES_IN_FLIGHT);
    private final BlockingQueue<List<String>> handedOver = new LinkedBlockingQueue<>();
    private final Thread writerThread;
    /** The write that failed for good; set by the writer thread before it gives back the batch's permit. */
    private volatile IOException failure;
    private volatile boolean closed;

    InfluxPointWriter(InfluxDB influx, InfluxSettings settings, ProcessingTimeService timers, PointMapper<T> toPoint) {
        this(influx, settings, timers, toPoint, null, null);
    }

    /** With heartbeats: the writer reports each write's outcome to {@code pulse} and closes {@code heartbeat}. */
    InfluxPointWriter(InfluxDB influx, InfluxSettings settings, ProcessingTimeService timers, PointMapper<T> toPoint,
                      HistoryPulse pulse, HeartbeatTimer heartbeat) {
        this.pulse = pulse;
        this.heartbeat = heartbeat;
        this.influx = influx;
        this.toPoint = toPoint;
        this.settings = settings;
        this.timers = timers;
        this.buffer = new ArrayList<>(settings.batchSize());
        this.writerThread = new Thread(this::writeHandedOverBatches,
                "influx-writer-" + settings.database() + "." + settings.retentionPolicy());
        writerThread.setDaemon(true);
        writerThread.start();
        scheduleFlush();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        rethrowFailure();
        buffer.add(toPoint.apply(element));
        if (buffer.size() >= settings.batchSize()) {
            room.acquire();
            handOverBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        rethrowFailure();
        if (!buffer.isEmpty()) {
            room.acquire();
            handOverBuffer();
        }
        // All permits back means nothing is in flight: every handed-over batch is written (or has failed).
        room.acquire(MAX_BATCHES_IN_FLIGHT);
        room.release(MAX_BATCHES_IN_FLIGHT);
        rethrowFailure();
    }

    @Override
    public void close() {
        // Nothing is written here: on cancel or failure the points since the last checkpoint are replayed.
        closed = true;
        if (heartbeat != null) {
            heartbeat.close(); // a writer that is gone falls silent: the watchdog sees it
        }
        if (nextFlush != null) {
            nextFlush.cancel(false);
        }
        writerThread.interrupt();
        try {
            // A request already sent cannot be cancelled through the client; it ends within the HTTP timeouts.
            writerThread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        influx.close();
    }

    private void scheduleFlush() {
        long due = timers.getCurrentProcessingTime() + settings.flushInterval().toMillis();
        nextFlush = timers.registerTimer(due, time -> {
            rethrowFailure();
            // Without room the writer is behind: these points go with the next full batch instead of the
            // timer stalling the task.
            if (!buffer.isEmpty() && room.tryAcquire()) {
                handOverBuffer();
            }
            scheduleFlush();
        });
    }

    /** The caller holds a permit for it. */
    private void handOverBuffer() {
        handedOver.add(buffer);
        buffer = new ArrayList<>(settings.batchSize());
    }

    private void rethrowFailure() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The writer thread: takes the waiting batches, writes them as one request, gives back their permits. */
    private void writeHandedOverBatches() {
        List<List<String>> batches = new ArrayList<>(MAX_BATCHES_IN_FLIGHT);
        while (!closed) {
            try {
                batches.add(handedOver.take());
                handedOver.drainTo(batches);
                if (failure == null) {
                    writeWithRetries(batches);
                }
                // after a failure the job is failing: the batches are dropped and replayed after the restart
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException | Error e) {
                // anything unexpected fails the job too, rather than leaving the task waiting for this thread
                failure = new IOException("writing to InfluxDB " + target() + " failed: " + e, e);
            } finally {
                room.release(batches.size());
                batches.clear();
            }
        }
    }

    /** Writes the batches as one request, retrying with back-off; throws once the attempts are used up. */
    private void writeWithRetries(List<List<String>> batches) throws IOException, InterruptedException {
        int points = 0;
        StringBuilder body = new StringBuilder();
        for (List<String> lines : batches) {
            for (String line : lines) {
                body.append(line).append('\n');
            }
            points += lines.size();
        }
        String batch = body.toString();
        long backoff = settings.firstBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                influx.write(settings.database(), settings.retentionPolicy(), InfluxDB.ConsistencyLevel.ONE,
                        TimeUnit.MILLISECONDS, batch);
                if (pulse != null) {
                    pulse.written(newestTime(batches));
                }
                return;
            } catch (InfluxDBException.PointsBeyondRetentionPolicyException e) {
                // A partial write: InfluxDB stored the rest and would delete these points anyway.
                LOG.warn("InfluxDB dropped points older than retention policy {}: {}", settings.retentionPolicy(),
                        e.getMessage());
                return;
            } catch (InfluxDBException e) {
                if (closed) {
                    throw new InterruptedException("closed while writing to InfluxDB");
                }
                if (pulse != null) {
                    pulse.failed(Instant.now(), "writing to InfluxDB " + target() + " failed: " + e.getMessage());
                }
                if (!e.isRetryWorth() || attempt >= settings.maxAttempts()) {
                    throw new IOException("writing " + points + " points to InfluxDB " + target()
                            + " failed after " + attempt + " attempt(s): " + e.getMessage(), e);
                }
                LOG.warn("writing {} points to InfluxDB failed (attempt {} of {}), retrying in {} ms: {}",
                        points, attempt, settings.maxAttempts(), backoff, e.getMessage());
                Thread.sleep(backoff);
                backoff *= 2;
            }
        }
    }

    /** The newest point's time: each line ends with its timestamp in milliseconds (LineProtocol). */
    private static long newestTime(List<List<String>> batches) {
        long newest = Long.MIN_VALUE;
        for (List<String> lines : batches) {
            for (String line : lines) {
                newest = Math.max(newest, Long.parseLong(line, line.lastIndexOf(' ') + 1, line.length(), 10));
            }
        }
        return newest;
    }

    private String target() {
        return settings.url() + " " + settings.database() + "." + settings.retentionPolicy();
    }
}
