package io.hazardwatch.ingest.heartbeat;

import io.hazardwatch.ingest.kafka.HeartbeatSink;
import io.hazardwatch.model.Heartbeat;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
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
    private final java.util.function.LongSupplier capacityRefusals;
    private final Storage storage;
    private long refusalsAtLastBeat;
    private Instant refusingSince;
    private long storageFailuresAtLastBeat;
    private Instant storageFailingSince;
    private String instance;
    private long timer = -1;
    /** The first beat runs on the caller's thread, later ones on the timer's context. */
    private final java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean();
    private long loggedAt = Long.MIN_VALUE;
    private int droppedSinceLog;

    /** What the gateway knows of messages Kafka did not take: how many so far, and the last one's cause. */
    public interface Storage {
        long failures();

        String lastFailure();
    }

    public GatewayHeartbeat(Vertx vertx, HeartbeatSink sink, IntSupplier connections,
                            java.util.function.LongSupplier capacityRefusals, Storage storage) {
        this.vertx = vertx;
        this.sink = sink;
        this.connections = connections;
        this.capacityRefusals = capacityRefusals;
        this.storage = storage;
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
    public io.vertx.core.Future<Void> stopped() {
        stop();
        if (instance == null) {
            return io.vertx.core.Future.succeededFuture();
        }
        return sink.send(Heartbeat.stopped(Heartbeat.Stage.GATEWAY, instance, Instant.now()))
                .onFailure(e -> LOG.warn("last heartbeat (stopped on purpose) not sent: {}", e.toString()))
                .otherwiseEmpty();
    }

    private void beat() {
        if (!sending.compareAndSet(false, true)) {
            dropped("the previous heartbeat is still waiting for Kafka");
            return;
        }
        Instant now = Instant.now();
        long refusals = capacityRefusals.getAsLong();
        long refusedSinceLastBeat = refusals - refusalsAtLastBeat;
        refusalsAtLastBeat = refusals;
        String detail = "connections=" + connections.getAsInt();
        if (refusedSinceLastBeat > 0) {
            refusingSince = refusingSince == null ? now : refusingSince;
            detail += "; refused " + refusedSinceLastBeat + " CONNECTs since the last heartbeat for want of capacity"
                    + " (mqtt.max-connections, mqtt.max-pending-logins)";
        } else {
            refusingSince = null;
        }
        long failures = storage.failures();
        long failedSinceLastBeat = failures - storageFailuresAtLastBeat;
        storageFailuresAtLastBeat = failures;
        if (failedSinceLastBeat > 0) {
            storageFailingSince = storageFailingSince == null ? now : storageFailingSince;
            detail += "; " + failedSinceLastBeat + " messages not written to Kafka since the last heartbeat, their "
                    + "PUBACKs withheld (last: " + storage.lastFailure() + ")";
        } else {
            storageFailingSince = null;
        }
        sink.send(new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.GATEWAY, instance, now, null, null,
                        earlier(refusingSince, storageFailingSince), detail))
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
