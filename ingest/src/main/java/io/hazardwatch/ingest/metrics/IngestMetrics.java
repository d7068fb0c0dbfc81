package io.hazardwatch.ingest.metrics;

import io.hazardwatch.ingest.validation.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The gateway's Prometheus metrics. Counters are created once here, so counting a message is an increment,
 * not a lookup. Names (Prometheus form): {@code hazardwatch_ingest_connections},
 * {@code hazardwatch_ingest_messages_received_total{transport}}, {@code …_accepted_total{transport}},
 * {@code …_rejected_total{transport,reason}}, {@code hazardwatch_ingest_readings_accepted_total},
 * {@code hazardwatch_ingest_kafka_produce_seconds}, {@code hazardwatch_ingest_in_flight},
 * {@code hazardwatch_ingest_connections_refused_total{reason}}, {@code hazardwatch_ingest_paused_connections},
 * {@code hazardwatch_ingest_storage_failures_total}, {@code hazardwatch_ingest_readings_refused_total{reason}},
 * {@code hazardwatch_ingest_readings_clamped_total}, {@code hazardwatch_ingest_quota_disconnects_total};
 * where a QoS 1 message's time goes ({@link Stage}): {@code hazardwatch_ingest_stage_seconds{stage}} (count, sum, max:
 * the mean per stage) and the whole of it, {@code hazardwatch_ingest_puback_seconds}. Every timer is a plain one (count, sum, max): one
 * with client-side percentiles cost ~5 % of the gateway's CPU at 40 000 messages/s (a JFR profile, issue 17); the
 * load generator measures the percentiles from outside.
 */
public final class IngestMetrics {

    public enum Transport { MQTT, HTTP, BRIDGE }

    /**
     * The stages of a message between its arrival and its PUBACK, in order. Their means add up to nearly the mean
     * PUBACK time; what is left is the wait for an earlier message's PUBACK (they go out in order) and the write.
     */
    public enum Stage {
        /** Quota, address and payload checks, on the event loop. */
        JUDGE,
        /** Waiting in the queue of the thread that hands records to the Kafka producer. */
        HANDOFF,
        /** From the producer's send until Kafka acknowledged every record (linger, request, acks=all). */
        KAFKA,
        /** From Kafka's acknowledgement until the event loop of the connection runs again. */
        REPLY
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger paused = new AtomicInteger();
    private final Map<Transport, Counter> received = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> accepted = new EnumMap<>(Transport.class);
    private final Map<Transport, Map<RefusalReason, Counter>> refused = new EnumMap<>(Transport.class);
    private final Counter readingsAccepted;
    private final Map<RefusalReason, Counter> readingsRefused = new EnumMap<>(RefusalReason.class);
    private final Counter storageFailures;
    private final Counter clockClamped;
    private final Timer produceLatency;
    private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);
    private final Timer pubAck;

    public IngestMetrics(Supplier<Number> inFlight) {
        Gauge.builder("hazardwatch.ingest.connections", connections, AtomicInteger::get)
                .description("open MQTT connections").register(registry);
        Gauge.builder("hazardwatch.ingest.paused.connections", paused, AtomicInteger::get)
                .description("connections whose socket is not read because of back-pressure").register(registry);
        Gauge.builder("hazardwatch.ingest.in.flight", inFlight, s -> s.get().doubleValue()).strongReference(true)
                .description("messages handed to Kafka, not yet acknowledged").register(registry);
        for (Transport t : Transport.values()) {
            String tag = t.name().toLowerCase();
            received.put(t, Counter.builder("hazardwatch.ingest.messages.received").tag("transport", tag).register(registry));
            accepted.put(t, Counter.builder("hazardwatch.ingest.messages.accepted").tag("transport", tag).register(registry));
            Map<RefusalReason, Counter> byReason = new EnumMap<>(RefusalReason.class);
            for (RefusalReason r : RefusalReason.values()) {
                byReason.put(r, Counter.builder("hazardwatch.ingest.messages.rejected").tag("transport", tag)
                        .tag("reason", r.name()).register(registry));
            }
            refused.put(t, byReason);
        }
        readingsAccepted = Counter.builder("hazardwatch.ingest.readings.accepted").register(registry);
        for (RefusalReason r : RefusalReason.values()) {
            readingsRefused.put(r, Counter.builder("hazardwatch.ingest.readings.refused").tag("reason", r.name())
                    .description("readings of a batch refused alone while the rest was stored").register(registry));
        }
        clockClamped = Counter.builder("hazardwatch.ingest.readings.clamped")
                .description("readings whose device stamp ran ahead of the gateway clock: event time set to receive time")
                .register(registry);
        storageFailures = Counter.builder("hazardwatch.ingest.storage.failures")
                .description("messages Kafka did not acknowledge in time").register(registry);
        produceLatency = Timer.builder("hazardwatch.ingest.kafka.produce")
                .description("from hand-over to Kafka until acks=all acknowledgement").register(registry);
        for (Stage stage : Stage.values()) {
            // plain timers (count, sum, max): a few nanoseconds each, four times per message
            stages.put(stage, Timer.builder("hazardwatch.ingest.stage").tag("stage", stage.name().toLowerCase())
                    .description("time a message spends in one stage between its arrival and its PUBACK")
                    .register(registry));
        }
        pubAck = Timer.builder("hazardwatch.ingest.puback")
                .description("from a QoS 1 PUBLISH's arrival until its PUBACK is written (after Kafka's acknowledgement)")
                .register(registry);
    }

    /** Time spent in one stage by one message. */
    public void stage(Stage stage, long nanos) {
        stages.get(stage).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A QoS 1 message acknowledged {@code nanos} after it arrived. */
    public void pubAck(long nanos) {
        pubAck.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void connected() {
        connections.incrementAndGet();
    }

    public void disconnected() {
        connections.decrementAndGet();
    }

    /** An MQTT 3.1.1 connection closed without PUBACK because its enterprise was over its message rate. */
    public void quotaDisconnected() {
        registry.counter("hazardwatch.ingest.quota.disconnects").increment();
    }

    public void connectionRefused(String reason) {
        registry.counter("hazardwatch.ingest.connections.refused", "reason", reason).increment();
    }

    public void paused(boolean nowPaused) {
        paused.addAndGet(nowPaused ? 1 : -1);
    }

    public void received(Transport transport) {
        received.get(transport).increment();
    }

    public void accepted(Transport transport, int readings) {
        accepted.get(transport).increment();
        readingsAccepted.increment(readings);
    }

    public void refused(Transport transport, RefusalReason reason) {
        refused.get(transport).get(reason).increment();
    }

    public void readingRefused(RefusalReason reason) {
        readingsRefused.get(reason).increment();
    }

    public void clockClamped() {
        clockClamped.increment();
    }

    public void storageFailed() {
        storageFailures.increment();
    }

    public void produced(long startNanos) {
        produceLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** Connections whose socket is not read right now (back-pressure). */
    public int pausedConnections() {
        return paused.get();
    }

    // Connects (issue 17): hazardwatch_ingest_connect_seconds{login=cheap|bcrypt}, from a CONNECT's arrival to the
    // CONNACK of an accepted connection, and hazardwatch_ingest_logins_pending, the slow (bcrypt) logins waiting or
    // running: where a reconnect storm's time goes, by kind of login.
    private final Timer connectCheap = connectTimer("cheap");
    private final Timer connectBcrypt = connectTimer("bcrypt");

    private Timer connectTimer(String login) {
        return Timer.builder("hazardwatch.ingest.connect").tag("login", login)
                .description("from a CONNECT's arrival to the CONNACK of an accepted connection")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** A CONNECT accepted; its login was bcrypt ({@code slowLogin}) or cheap (a device secret, a certificate). */
    public void connectAnswered(boolean slowLogin, long arrivedNanos) {
        (slowLogin ? connectBcrypt : connectCheap).record(System.nanoTime() - arrivedNanos, TimeUnit.NANOSECONDS);
    }

    /** Watches the slow-login lane's logins waiting or running. */
    public void watchPendingLogins(Supplier<Number> pending) {
        // held strongly: the supplier is a method reference nobody else keeps, a weak one would read NaN after a GC
        Gauge.builder("hazardwatch.ingest.logins.pending", pending, s -> s.get().doubleValue()).strongReference(true)
                .description("slow (bcrypt) logins waiting for or running on the login workers").register(registry);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
