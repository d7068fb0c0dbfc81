package io.hazardwatch.ingest.metrics;

import io.hazardwatch.ingest.validation.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
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
 * where a QoS 1 message's time goes ({@link Stage}): {@code hazardwatch_ingest_stage_seconds{stage}} (count and sum:
 * the mean per stage) and the whole of it, {@code hazardwatch_ingest_puback_seconds}. What happens per message is
 * counted in LongAdders ({@link Sums}), without maxima or percentiles, which cost ~14 % of the gateway's CPU (a JFR
 * profile, issue 17); the load generator measures the percentiles from outside.
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
    private final Map<Transport, LongAdder> received = new EnumMap<>(Transport.class);
    private final Map<Transport, LongAdder> accepted = new EnumMap<>(Transport.class);
    private final Map<Transport, Map<RefusalReason, Counter>> refused = new EnumMap<>(Transport.class);
    private final LongAdder readingsAccepted;
    private final Map<RefusalReason, Counter> readingsRefused = new EnumMap<>(RefusalReason.class);
    private final LongAdder storageFailures;
    private volatile String lastStorageFailure;
    private final Counter clockClamped;
    private final Sums produceLatency;
    private final Map<Stage, Sums> stages = new EnumMap<>(Stage.class);
    private final Sums pubAck;

    /**
     * Count and total time of an event that happens for every message, kept in LongAdders and read by Micrometer only
     * when scraped (a FunctionTimer: {@code _count} and {@code _sum}, no {@code _max}). A Micrometer Timer also keeps
     * a rotating maximum, and its counters add doubles: the gateway's metrics were ~14 % of its CPU at 55 000
     * messages/s in a JFR profile (issue 17), now a few LongAdder increments per message.
     */
    private static final class Sums {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();

        void add(long elapsedNanos) {
            count.increment();
            nanos.add(elapsedNanos);
        }
    }

    public IngestMetrics(Supplier<Number> inFlight) {
        Gauge.builder("hazardwatch.ingest.connections", connections, AtomicInteger::get)
                .description("open MQTT connections").register(registry);
        Gauge.builder("hazardwatch.ingest.paused.connections", paused, AtomicInteger::get)
                .description("connections whose socket is not read because of back-pressure").register(registry);
        Gauge.builder("hazardwatch.ingest.in.flight", inFlight, s -> s.get().doubleValue()).strongReference(true)
                .description("messages handed to Kafka, not yet acknowledged").register(registry);
        for (Transport t : Transport.values()) {
            String tag = t.name().toLowerCase();
            received.put(t, counter("hazardwatch.ingest.messages.received", "messages received", "transport", tag));
            accepted.put(t, counter("hazardwatch.ingest.messages.accepted", "messages stored in Kafka", "transport", tag));
            Map<RefusalReason, Counter> byReason = new EnumMap<>(RefusalReason.class);
            for (RefusalReason r : RefusalReason.values()) {
                byReason.put(r, Counter.builder("hazardwatch.ingest.messages.rejected").tag("transport", tag)
                        .tag("reason", r.name()).register(registry));
            }
            refused.put(t, byReason);
        }
        readingsAccepted = counter("hazardwatch.ingest.readings.accepted", "readings stored in Kafka");
        for (RefusalReason r : RefusalReason.values()) {
            readingsRefused.put(r, Counter.builder("hazardwatch.ingest.readings.refused").tag("reason", r.name())
                    .description("readings of a batch refused alone while the rest was stored").register(registry));
        }
        clockClamped = Counter.builder("hazardwatch.ingest.readings.clamped")
                .description("readings whose device stamp ran ahead of the gateway clock: event time set to receive time")
                .register(registry);
        storageFailures = counter("hazardwatch.ingest.storage.failures",
                "messages Kafka did not acknowledge in time");
        produceLatency = timer("hazardwatch.ingest.kafka.produce",
                "from hand-over to Kafka until acks=all acknowledgement");
        for (Stage stage : Stage.values()) {
            stages.put(stage, timer("hazardwatch.ingest.stage",
                    "time a message spends in one stage between its arrival and its PUBACK",
                    "stage", stage.name().toLowerCase()));
        }
        pubAck = timer("hazardwatch.ingest.puback",
                "from a QoS 1 PUBLISH's arrival until its PUBACK is written (after Kafka's acknowledgement)");
    }

    private LongAdder counter(String name, String description, String... tags) {
        LongAdder adder = new LongAdder();
        FunctionCounter.builder(name, adder, LongAdder::sum).tags(tags).description(description).register(registry);
        return adder;
    }

    private Sums timer(String name, String description, String... tags) {
        Sums sums = new Sums();
        FunctionTimer.builder(name, sums, x -> x.count.sum(), x -> x.nanos.sum(), TimeUnit.NANOSECONDS)
                .tags(tags).description(description).register(registry);
        return sums;
    }

    /** Time spent in one stage by one message. */
    public void stage(Stage stage, long nanos) {
        stages.get(stage).add(nanos);
    }

    /** A QoS 1 message acknowledged {@code nanos} after it arrived. */
    public void pubAck(long nanos) {
        pubAck.add(nanos);
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

    /** Reasons a CONNECT is refused for want of capacity, not for anything the device did. */
    public static final java.util.Set<String> CAPACITY_REFUSALS = java.util.Set.of("busy", "gateway_full",
            "unauthenticated_full");

    private final LongAdder capacityRefusals = new LongAdder();

    public void connectionRefused(String reason) {
        registry.counter("hazardwatch.ingest.connections.refused", "reason", reason).increment();
        if (CAPACITY_REFUSALS.contains(reason)) {
            capacityRefusals.increment();
        }
    }

    /** A login refused unchecked: its username or source address is throttled after repeated failures. */
    public void loginThrottled(Transport transport) {
        registry.counter("hazardwatch.ingest.login.throttled", "transport", transport.name().toLowerCase()).increment();
    }

    /** CONNECTs refused so far for want of capacity ({@link #CAPACITY_REFUSALS}): devices that are not watched. */
    public long capacityRefusals() {
        return capacityRefusals.sum();
    }

    public void paused(boolean nowPaused) {
        paused.addAndGet(nowPaused ? 1 : -1);
    }

    public void received(Transport transport) {
        received.get(transport).increment();
    }

    public void accepted(Transport transport, int readings) {
        accepted.get(transport).increment();
        readingsAccepted.add(readings);
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

    /** A message Kafka did not take (its PUBACK withheld): counted, and the cause kept for the heartbeat. */
    public void storageFailed(Throwable cause) {
        storageFailures.increment();
        lastStorageFailure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Messages Kafka did not take so far ({@link #storageFailed}). */
    public long storageFailures() {
        return storageFailures.sum();
    }

    /** The cause of the last message Kafka did not take, or null. */
    public String lastStorageFailure() {
        return lastStorageFailure;
    }

    public void produced(long startNanos) {
        produceLatency.add(System.nanoTime() - startNanos);
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
