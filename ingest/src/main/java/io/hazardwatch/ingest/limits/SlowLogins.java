package io.hazardwatch.ingest.limits;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane for slow (bcrypt) logins of MQTT CONNECTs and HTTP requests: a worker pool of its own, so that a reconnect
 * storm takes at most that many cores and the event loops keep serving the connections already publishing, and at
 * most {@code maxPending} logins waiting or running. Beyond that a login is refused at once ({@link Busy}) and its
 * client retries; the refusals are logged as one line per second at most, not one per client.
 */
public final class SlowLogins {

    private static final Logger LOG = LoggerFactory.getLogger(SlowLogins.class);
    private static final long LOG_EVERY_MS = 1000;

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong refusedSinceLog = new AtomicLong();

    public SlowLogins(Vertx vertx, int threads, int maxPending) {
        if (threads < 1 || maxPending < 1) {
            throw new IllegalArgumentException("threads and maxPending must be at least 1");
        }
        this.vertx = vertx;
        this.maxPending = maxPending;
        this.workers = vertx.createSharedWorkerExecutor("hw-slow-logins", threads);
    }

    /**
     * Runs a slow login check on the lane's workers; the Future completes on the caller's context. Fails at once with
     * {@link Busy} when {@code maxPending} logins are waiting or running.
     */
    /** A cheap check (a device secret's hash), run right here on the caller's thread, as a future like {@link #run}. */
    public static <T> Future<T> runHere(Callable<T> check) {
        try {
            return Future.succeededFuture(check.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    public <T> Future<T> run(Callable<T> check) {
        if (!tryEnter()) {
            refused();
            return Future.failedFuture(new Busy(maxPending));
        }
        return workers.executeBlocking(check, false).andThen(ar -> pending.decrementAndGet());
    }

    private boolean tryEnter() {
        int now;
        do {
            now = pending.get();
            if (now >= maxPending) {
                return false;
            }
        } while (!pending.compareAndSet(now, now + 1));
        return true;
    }

    /** Counts a refusal; the first of a second schedules the line that reports them all. */
    private void refused() {
        if (refusedSinceLog.getAndIncrement() == 0) {
            vertx.setTimer(LOG_EVERY_MS, id -> LOG.warn("refused {} logins in the last second as busy (MQTT CONNACK "
                            + "0x03 / 0x89, HTTP 503; clients retry): {} logins were waiting or running "
                            + "(mqtt.max-pending-logins)", refusedSinceLog.getAndSet(0), maxPending));
        }
    }

    /** Logins waiting for a worker or running now. */
    public int pending() {
        return pending.get();
    }

    public Future<Void> close() {
        return workers.close();
    }

    /** The lane is full: the client should retry later. No stack trace: it is an answer, not a fault. */
    public static final class Busy extends RuntimeException {
        Busy(int maxPending) {
            super(maxPending + " logins are waiting or running (mqtt.max-pending-logins)", null, false, false);
        }
    }
}
