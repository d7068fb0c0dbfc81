package io.hazardwatch.streamjobs.heartbeat;

import io.hazardwatch.model.Heartbeat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code next.get()} every {@link HeartbeatSink#interval()} on a daemon thread of its own, off the task's
 * hot path. Owned by the operator or writer whose life it reports: closed with it, so a dead task falls silent,
 * which is what the watchdog notices. A failed heartbeat never fails the task: it is logged, once per run of
 * failures.
 */
public final class HeartbeatTimer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatTimer.class);

    private final HeartbeatSender sender;
    private final ScheduledExecutorService thread;
    private final Supplier<Heartbeat> next;
    private boolean failing;

    private HeartbeatTimer(HeartbeatSender sender, String threadName, Supplier<Heartbeat> next) {
        this.sender = sender;
        this.next = next;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sending; the first heartbeat goes after one interval (the task has then had time to start). */
    public static HeartbeatTimer start(HeartbeatSink sink, String instance, Supplier<Heartbeat> next) {
        HeartbeatTimer timer = new HeartbeatTimer(sink.open(instance), "heartbeat-" + instance, next);
        long every = sink.interval().toMillis();
        timer.thread.scheduleAtFixedRate(timer::beat, every, every, TimeUnit.MILLISECONDS);
        return timer;
    }

    private void beat() {
        try {
            sender.send(next.get());
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("heartbeat not sent, retrying with the next one: {}", e.toString());
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}
