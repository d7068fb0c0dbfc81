package io.hazardwatch.ingest.heartbeat;

import io.hazardwatch.ingest.kafka.HeartbeatSink;
import io.hazardwatch.model.Heartbeat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "The gateway is alive": a {@link Heartbeat} of stage GATEWAY every {@link #INTERVAL}, named by the MQTT
 * listener's host:port, with the open connections as detail, for the alert service's watchdog. While the gateway
 * refuses devices for want of capacity (full, or too many bcrypt logins at once), or Kafka does not take the readings
 * it receives (their PUBACKs withheld: a topic short of in-sync replicas, a codec that fails, a denied write — while
 * this heartbeat's own small producer may still get through), its heartbeat says since when ({@code failingSince})
 * and how many: those devices are not watched, and the duty board must show it. A heartbeat that
 * cannot be sent is dropped — one still in the producer's hands makes the next one skip, so they never pile up —
 * with at most one log line a minute.
 */
public final class GatewayHeartbeat {

    public static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHeartbeat.class);
    private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final Vertx vertx;
    private final HeartbeatSink sink;
    private final IntSupplier connections;
    private final Storage storage;
    private final FailureRun refusals;
    private final FailureRun storageFailures;
    private String instance;
    private long timer = -1;
    /** The first beat runs on the caller's thread, later ones on the timer's context. */
    private final AtomicBoolean sending = new AtomicBoolean();
    private long loggedAt = Long.MIN_VALUE;
    private int droppedSinceLog;

    /** What the gateway knows of messages Kafka did not take: how many so far, and the last one's cause. */
    public record Storage(LongSupplier failures, Supplier<String> lastFailure) {
    }

    /**
     * A count that only grows (refused CONNECTs, messages Kafka did not take) seen at each beat: how much it grew
     * since the last one, and since when it has grown at every beat (null once a beat finds it still).
     */
    private static final class FailureRun {
        private final LongSupplier count;
        private long atLastBeat;
        private Instant since;

        FailureRun(LongSupplier count) {
            this.count = count;
        }

        /** How much the count grew since the last beat; moves {@link #since} on. */
        long sinceLastBeat(Instant now) {
            long total = count.getAsLong();
            long grown = total - atLastBeat;
            atLastBeat = total;
            since = grown > 0 ? (since == null ? now : since) : null;
            return grown;
        }
    }

    public GatewayHeartbeat(Vertx vertx, HeartbeatSink sink, IntSupplier connections, LongSupplier capacityRefusals,
                            Storage storage) {
        this.vertx = vertx;
        this.sink = sink;
        this.connections = connections;
        this.storage = storage;
        this.refusals = new FailureRun(capacityRefusals);
        this.storageFailures = new FailureRun(storage.failures());
    }

    /** Sends the first heartbeat now and then one every interval. Call on one Vert.x context. */
    public void start(String instance) {
        this.instance = instance;
        beat();
        timer = vertx.setPeriodic(INTERVAL.toMillis(), id -> beat());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /**
     * Stops beating and sends the last heartbeat, which says the gateway stops on purpose: the watchdog then does not
     * count this instance as silent (a rolling restart is not a fault). Never fails.
     */
    public Future<Void> stopped() {
        stop();
        if (instance == null) {
            return Future.succeededFuture();
        }
        return sink.send(Heartbeat.stopped(Heartbeat.Stage.GATEWAY, instance, Instant.now()))
                .onFailure(e -> LOG.warn("last heartbeat (stopped on purpose) not sent: {}", e.toString()))
                .otherwiseEmpty();
    }

    /** Sends one heartbeat now (the timer's work; package-private for tests). */
    void beat() {
        if (!sending.compareAndSet(false, true)) {
            dropped("the previous heartbeat is still waiting for Kafka");
            return;
        }
        Instant now = Instant.now();
        String detail = "connections=" + connections.getAsInt();
        long refused = refusals.sinceLastBeat(now);
        if (refused > 0) {
            detail += "; refused " + refused + " CONNECTs since the last heartbeat for want of capacity"
                    + " (mqtt.max-connections, mqtt.max-pending-logins)";
        }
        long notWritten = storageFailures.sinceLastBeat(now);
        if (notWritten > 0) {
            detail += "; " + notWritten + " messages not written to Kafka since the last heartbeat, their "
                    + "PUBACKs withheld (last: " + storage.lastFailure().get() + ")";
        }
        sink.send(new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.GATEWAY, instance, now, null, null,
                        earlier(refusals.since, storageFailures.since), detail))
                .onComplete(ar -> {
                    sending.set(false);
                    if (ar.failed()) {
                        dropped(ar.cause().toString());
                    }
                });
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private synchronized void dropped(String why) {
        droppedSinceLog++;
        long now = System.nanoTime();
        if (loggedAt != Long.MIN_VALUE && now - loggedAt < LOG_INTERVAL_NANOS) {
            return;
        }
        LOG.warn("heartbeat not sent ({}); {} dropped since the last such line; readings are not affected", why,
                droppedSinceLog);
        loggedAt = now;
        droppedSinceLog = 0;
    }
}
