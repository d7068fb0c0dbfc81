package io.hazardwatch.simulator.load;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.Topics;
import io.hazardwatch.simulator.mqtt.LinkOptions;
import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.mqtt.PipelinedLink;
import io.netty.channel.EventLoopGroup;
import io.hazardwatch.simulator.report.LatencyHistogram;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.SignalGenerator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;

/**
 * Offers a steady rate of valid readings over many asynchronous MQTT connections and measures the PUBACK
 * latency. Each connection logs in as one of the scenario's enterprises and publishes that enterprise's
 * sensors (values from the scenario's behaviours), with at most {@code maxInflight} unacknowledged messages;
 * a few pacing threads share the rate. When every connection is at its limit the generator waits: the
 * achieved rate then shows what the broker sustains.
 */
public final class LoadGenerator {

    /**
     * Shortest sleep of a pacing thread: it then sends every message that fell due meanwhile. Waking for each
     * message (every 0.2 ms per thread at 10 000/s) cost the generator a context switch per message, and the
     * connection's event loop another: more CPU than the gateway it measures, on the same two cores.
     */
    static final long PACING_TICK_NANOS = 1_000_000;

    private final Scenario scenario;
    private final LoadSettings settings;
    private final SignalGenerator signals;
    private final PrintWriter out;
    private final List<Conn> conns = new ArrayList<>();
    private final LatencyHistogram pubAck = new LatencyHistogram();
    private final java.util.concurrent.ConcurrentHashMap<SensorKey, AtomicLong> lastStamp =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder readingsSent = new LongAdder();
    private final LongAdder readingsAcked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder stalled = new LongAdder();
    private final AtomicLong firstError = new AtomicLong();
    private volatile String firstErrorText;
    private EventLoopGroup eventLoops;

    public LoadGenerator(Scenario scenario, LoadSettings settings, long seed, PrintWriter out) {
        this.scenario = scenario;
        this.settings = settings;
        this.signals = new SignalGenerator(scenario, seed);
        this.out = out;
    }

    /** How often lost connections are opened again (a gateway or Kafka outage closes them). */
    static final Duration RECONNECT_EVERY = Duration.ofSeconds(1);

    /** One connection and the sensors it publishes for; its link is replaced when the connection is lost. */
    private static final class Conn {
        final LinkOptions options;
        volatile MqttLink link;
        volatile boolean connecting;
        final Semaphore inflight;
        final List<Scenario.Device> devices;
        final String enterprise;
        final List<String> topics;
        final int[] nextSensor;
        int next;

        Conn(LinkOptions options, MqttLink link, int maxInflight, Scenario.Enterprise enterprise) {
            this.options = options;
            this.link = link;
            this.inflight = new Semaphore(maxInflight);
            this.devices = enterprise.devices();
            this.enterprise = enterprise.id();
            this.topics = devices.stream().map(d -> Topics.mqttReadings(enterprise.id(), d.id())).toList();
            this.nextSensor = new int[devices.size()];
        }
    }

    public LoadResult run() throws InterruptedException {
        long connectStart = System.nanoTime();
        int connectFailures = connectAll();
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        List<Conn> live = conns.stream().filter(c -> c.link.isConnected()).toList();
        out.printf(Locale.ROOT, "connected %d/%d in %.1f s%s%n", live.size(), settings.connections(), connectSeconds,
                firstErrorText == null ? "" : " (first error: " + firstErrorText + ")");
        out.flush();
        if (live.isEmpty()) {
            closeAll();
            return new LoadResult(settings, 0, connectFailures, connectSeconds, 1, 0, 0, 0, 0, 0, 0, pubAck);
        }
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        List<Thread> pacers = new ArrayList<>();
        int threads = Math.max(1, Math.min(settings.publishers(), live.size()));
        for (int t = 0; t < threads; t++) {
            List<Conn> mine = new ArrayList<>();
            for (int i = t; i < live.size(); i += threads) {
                mine.add(live.get(i));
            }
            double share = settings.rate() / threads;
            Thread thread = new Thread(() -> pace(mine, share, start, end), "load-pacer-" + t);
            thread.setDaemon(true);
            pacers.add(thread);
            thread.start();
        }
        Thread reconnector = new Thread(() -> reconnectUntil(live, end), "load-reconnect");
        reconnector.setDaemon(true);
        reconnector.start();
        progressUntil(end, start);
        reconnector.join(5000);
        for (Thread thread : pacers) {
            thread.join(5000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long unacked = drain(live);
        LoadResult result = new LoadResult(settings, live.size(), connectFailures, connectSeconds, seconds,
                messagesSent.sum(), readingsSent.sum(), readingsAcked.sum(), failed.sum(), unacked, stalled.sum(), pubAck);
        closeAll();
        if (firstErrorText != null) {
            out.println("first publish error: " + firstErrorText + " (" + firstError.get() + " errors in all)");
        }
        return result;
    }

    private MqttLink open(LinkOptions options) {
        if (settings.client() == LoadSettings.Client.PAHO) {
            return options.open();
        }
        if (eventLoops == null) {
            eventLoops = PipelinedLink.newGroup(Math.max(1, settings.publishers()));
        }
        return new PipelinedLink(options, eventLoops);
    }

    /** Opens every connection with bounded concurrency; returns how many failed. */
    private int connectAll() throws InterruptedException {
        Semaphore connecting = new Semaphore(settings.connectConcurrency());
        LongAdder failures = new LongAdder();
        List<Scenario.Enterprise> enterprises = scenario.enterprises();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < settings.connections(); i++) {
            Scenario.Enterprise e = enterprises.get(i % enterprises.size());
            LinkOptions options = LinkOptions.of(scenario.broker(), settings.mqttVersion(),
                    LinkOptions.clientId("ld" + i), e.username(), e.password()).withInflight(settings.maxInflight());
            Conn conn = new Conn(options, open(options), settings.maxInflight(), e);
            conns.add(conn);
            connecting.acquire();
            pending.add(conn.link.connect().whenComplete((v, err) -> {
                connecting.release();
                if (err != null) {
                    failures.increment();
                    noteError(err);
                }
            }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // counted per connection
        }
        return (int) failures.sum();
    }

    private void pace(List<Conn> mine, double rate, long start, long end) {
        int batch = settings.batch();
        double messagesPerNano = rate / batch / 1e9;
        long sent = 0;
        int cursor = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return;
            }
            long due = (long) ((now - start) * messagesPerNano);
            if (sent >= due) {
                LockSupport.parkNanos(PACING_TICK_NANOS);
                continue;
            }
            Conn conn = null;
            for (int tried = 0; tried < mine.size(); tried++) {
                Conn candidate = mine.get(cursor);
                cursor = (cursor + 1) % mine.size();
                if (candidate.link.isConnected() && candidate.inflight.tryAcquire()) {
                    conn = candidate;
                    break;
                }
            }
            if (conn == null) {
                stalled.increment();
                LockSupport.parkNanos(200_000);
                continue;
            }
            publish(conn, now - start, batch);
            sent++;
        }
    }

    private void publish(Conn conn, long elapsedNanos, int batch) {
        int d = conn.next++ % conn.devices.size();
        Scenario.Device device = conn.devices.get(d);
        Duration elapsed = Duration.ofNanos(elapsedNanos);
        long wallClock = System.currentTimeMillis();
        List<DeviceMessage> readings = new ArrayList<>(batch);
        int first = conn.nextSensor[d]++; // each message starts at the device's next sensor: all of them get readings
        for (int i = 0; i < batch; i++) {
            Scenario.Sensor s = device.sensors().get(Math.floorMod(first + i, device.sensors().size()));
            SensorKey key = new SensorKey(conn.enterprise, device.id(), s.id());
            double value = signals.value(key, s.behaviour(), elapsed);
            readings.add(DeviceMessage.reading(s.id(), value, s.unit(), Instant.ofEpochMilli(stamp(key, wallClock))));
        }
        byte[] payload = Json.toBytes(batch == 1 ? readings.get(0) : DeviceMessage.batch(readings));
        long sentAt = System.nanoTime();
        messagesSent.increment();
        readingsSent.add(batch);
        conn.link.publish(conn.topics.get(d), payload, settings.qos()).whenComplete((v, err) -> {
            if (err == null) {
                pubAck.recordNanos(System.nanoTime() - sentAt);
                readingsAcked.add(batch);
            } else {
                failed.increment();
                noteError(err);
            }
            // last: drain() takes a free permit for a counted answer (released first, a run could end 3 short)
            conn.inflight.release();
        });
    }

    /**
     * Opens lost connections again, as devices do after a gateway restart or an outage: what was in flight on the
     * lost one failed (never acknowledged, so not counted as accepted); the rate goes on over the new one.
     */
    private void reconnectUntil(List<Conn> live, long end) {
        long reconnects = 0;
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(RECONNECT_EVERY.toNanos());
            for (Conn conn : live) {
                if (conn.connecting || conn.link.isConnected()) {
                    continue;
                }
                conn.connecting = true;
                conn.link.close();
                MqttLink fresh = open(conn.options);
                reconnects++;
                fresh.connect().whenComplete((v, err) -> {
                    if (err == null) {
                        conn.link = fresh;
                    } else {
                        fresh.close();
                    }
                    conn.connecting = false;
                });
            }
        }
        if (reconnects > 0) {
            out.printf(Locale.ROOT, "reconnected %d times%n", reconnects);
            out.flush();
        }
    }

    /**
     * The reading's time: the wall clock, but never the same millisecond twice for one sensor. Several connections
     * publish for the same devices, and a real sensor never stamps two readings alike; the history store keeps one
     * point per sensor and instant, so equal stamps would make a count of its points look like a loss.
     */
    private long stamp(SensorKey sensor, long wallClock) {
        return lastStamp.computeIfAbsent(sensor, k -> new AtomicLong()).updateAndGet(last -> Math.max(last + 1, wallClock));
    }

    private void noteError(Throwable err) {
        if (firstError.getAndIncrement() == 0) {
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            firstErrorText = cause.getMessage();
        }
    }

    private void progressUntil(long end, long start) throws InterruptedException {
        long lastAcked = 0;
        long lastAt = start;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(5000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            long now = System.nanoTime();
            long acked = readingsAcked.sum();
            out.printf(Locale.ROOT, "t+%3.0fs  acked %,9d readings  %8.0f/s  PUBACK p99 %s ms  failed %d  stalls %d%n",
                    (now - start) / 1e9, acked, (acked - lastAcked) / ((now - lastAt) / 1e9),
                    LatencyHistogram.ms(pubAck.percentileMicros(99)), failed.sum(), stalled.sum());
            out.flush();
            lastAcked = acked;
            lastAt = now;
        }
    }

    /** Waits up to 5 s for outstanding PUBACKs; returns how many never came. */
    private long drain(List<Conn> live) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long missing;
        do {
            missing = live.stream().mapToLong(c -> settings.maxInflight() - c.inflight.availablePermits()).sum();
            if (missing == 0) {
                return 0;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return missing;
    }

    private void closeAll() {
        conns.parallelStream().forEach(c -> c.link.close());
        if (eventLoops != null) {
            eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
