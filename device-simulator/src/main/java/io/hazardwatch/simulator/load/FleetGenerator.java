package io.hazardwatch.simulator.load;

import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.mqtt.PipelinedLink;
import io.hazardwatch.simulator.report.LatencyHistogram;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.SignalGenerator;
import io.netty.channel.EventLoopGroup;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fleet of devices as a park has them: one connection and login per device, exactly one reading in flight, a
 * rate per device (or closed loop), every device connecting at the start, and a lost device reconnecting after a
 * random wait until it is back. The connect phase is part of the run and of its figures; outages of many devices
 * at once are reported as storms with the time until all of them published again.
 */
public final class FleetGenerator {

    /** How often the watcher looks for lost connections (the resolution of a storm's start). */
    static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final List<FleetDevice> devices;
    private final FleetSettings settings;
    private final SignalGenerator signals;
    private final PrintWriter out;
    private final ConnectGate gate;
    private final FleetStorms storms;
    private final long periodNanos;
    /** PUBACK times; replaced by an empty one when the settle time ends. */
    private volatile LatencyHistogram pubAck = new LatencyHistogram();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final AtomicInteger connected = new AtomicInteger();
    private final LongAccumulator lastFirstConnAck = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicLong errors = new AtomicLong();
    private volatile String firstError;
    private volatile boolean stopping;
    private EventLoopGroup loops;
    private ExecutorService closer;
    private long start;
    /** When the figures begin (the start, or the end of the settle time) and the counts at that moment. */
    private long measuredFrom;
    private long sentBefore, ackedBefore, failedBefore, lateBefore;

    public FleetGenerator(List<FleetDevice> devices, FleetSettings settings, SignalGenerator signals, PrintWriter out) {
        this.devices = devices;
        this.settings = settings;
        this.signals = signals;
        this.out = out;
        this.gate = new ConnectGate(settings.connectConcurrency());
        this.storms = new FleetStorms(Math.min(FleetSettings.STORM_DEVICES, devices.size()));
        this.periodNanos = settings.deviceRate() > 0 ? (long) (1e9 / settings.deviceRate()) : 0;
    }

    /**
     * The devices of {@code logins}' shard {@code index} of {@code count}, each publishing the sensors of its scenario
     * device (a copy {@code id-N} those of {@code id}).
     *
     * @throws IllegalArgumentException naming a device the scenario does not have
     */
    public static List<FleetDevice> devices(Scenario scenario, List<FleetSecrets.Login> logins, int index, int count,
                                            int mqttVersion) {
        List<FleetDevice> mine = new ArrayList<>();
        for (int i = index; i < logins.size(); i += count) {
            FleetSecrets.Login l = logins.get(i);
            mine.add(new FleetDevice(l, FleetDevice.clientId(l, i), scenario.broker(), mqttVersion, scenarioDevice(scenario, l)));
        }
        return mine;
    }

    private static Scenario.Device scenarioDevice(Scenario scenario, FleetSecrets.Login l) {
        for (Scenario.Enterprise e : scenario.enterprises()) {
            if (!e.id().equals(l.enterprise())) {
                continue;
            }
            for (Scenario.Device d : e.devices()) {
                if (l.device().equals(d.id()) || l.device().matches(java.util.regex.Pattern.quote(d.id()) + "-\\d+")) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("the scenario has no device " + l.enterprise() + "/" + l.device()
                + " (nor one it is a copy of), which the secrets file names");
    }

    public FleetResult run() throws InterruptedException {
        loops = PipelinedLink.newGroup(settings.eventLoops());
        closer = Executors.newSingleThreadExecutor(r -> daemon(r, "fleet-close"));
        start = System.nanoTime();
        measuredFrom = start;
        long end = start + settings.duration().toNanos();
        for (FleetDevice d : devices) {
            gate.submit(() -> attempt(d));
        }
        Thread watcher = daemon(this::watch, "fleet-watch");
        watcher.start();
        progressUntil(end);
        stopping = true;
        long unacked = drain();
        double seconds = (System.nanoTime() - measuredFrom) / 1e9;
        watcher.join(1000);
        long lastConnAck = lastFirstConnAck.get();
        FleetResult result = new FleetResult(devices.size(), connected.get(),
                lastConnAck == Long.MIN_VALUE ? 0 : (lastConnAck - start) / 1e9, refused.sum(), retried.sum(),
                settings.deviceRate(), (measuredFrom - start) / 1e9, seconds, sent.sum() - sentBefore,
                acked.sum() - ackedBefore, failed.sum() - failedBefore, late.sum() - lateBefore, unacked, lost.sum(),
                pubAck, storms.storms(start));
        closeAll();
        if (firstError != null) {
            out.println("first error: " + firstError + " (" + errors.get() + " in all)");
        }
        return result;
    }

    /** One connect attempt of a device; its future completes once the attempt is settled (for the gate). */
    private CompletableFuture<?> attempt(FleetDevice d) {
        if (stopping) {
            return CompletableFuture.completedFuture(null);
        }
        MqttLink link = settings.client() == LoadSettings.Client.PAHO ? d.options.open() : new PipelinedLink(d.options, loops);
        synchronized (d) {
            d.link = link;
        }
        return link.connect().orTimeout(FleetSettings.CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((v, err) -> {
                    if (err == null) {
                        connectedNow(d, link);
                    } else {
                        connectFailed(d, link, err);
                    }
                });
    }

    private void connectedNow(FleetDevice d, MqttLink link) {
        long now = System.nanoTime();
        boolean first;
        synchronized (d) {
            first = !d.everConnected;
            d.everConnected = true;
            d.inFlight = false; // a reading on the lost connection is dead: it fails, never counts as accepted
            d.nextDue = first && periodNanos > 0 ? now + ThreadLocalRandom.current().nextLong(periodNanos) : now;
            d.up = true;
        }
        if (first) {
            connected.incrementAndGet();
            lastFirstConnAck.accumulate(now);
        }
        if (stopping) {
            return;
        }
        if (first && periodNanos > 0) { // devices of a park are not in step: each starts at a random phase
            loops.schedule(() -> tick(d), d.nextDue - now, TimeUnit.NANOSECONDS);
        } else {
            tick(d);
        }
    }

    private void connectFailed(FleetDevice d, MqttLink link, Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (cause instanceof MqttLink.MqttFailure f && f.reasonCode() > 0) {
            refused.increment(); // a CONNACK refusing (busy, bad login): firmware tries again after a while
        }
        noteError(cause);
        closer.execute(link::close);
        if (!stopping) {
            retried.increment();
            reconnectLater(d);
        }
    }

    private void reconnectLater(FleetDevice d) {
        long jitter = settings.reconnectJitter().toNanos();
        long wait = jitter <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter);
        loops.schedule(() -> gate.submit(() -> attempt(d)), wait, TimeUnit.NANOSECONDS);
    }

    /** Sends the device's next reading if it is connected and has none in flight. */
    private void tick(FleetDevice d) {
        MqttLink link;
        synchronized (d) {
            if (stopping || !d.up || d.inFlight) {
                return;
            }
            d.inFlight = true;
            link = d.link;
        }
        byte[] payload = d.nextReading(signals, Duration.ofNanos(System.nanoTime() - start));
        sent.increment();
        long sentAt = System.nanoTime();
        link.publish(d.topic, payload, settings.qos()).whenComplete((v, err) -> answered(d, link, sentAt, err));
    }

    /** The PUBACK (or the failure) of a device's reading: counts it, then sends the next when due. */
    private void answered(FleetDevice d, MqttLink link, long sentAt, Throwable err) {
        long now = System.nanoTime();
        List<FleetStorms.Outage> recovered = List.of();
        boolean isLate = false;
        boolean goOn;
        synchronized (d) {
            if (d.link == link) {
                d.inFlight = false;
            }
            if (err == null && !d.awaiting.isEmpty()) {
                recovered = List.copyOf(d.awaiting);
                d.awaiting.clear();
            }
            goOn = d.up && d.link == link && link.isConnected() && !stopping;
            if (periodNanos > 0) {
                d.nextDue += periodNanos;
                if (d.nextDue <= now) { // fell due while this one awaited its PUBACK: sent late, at once
                    isLate = true;
                    d.nextDue = now;
                }
            }
        }
        if (err == null) {
            pubAck.recordNanos(now - sentAt);
            acked.increment();
            recovered.forEach(o -> storms.published(o, now));
        } else {
            failed.increment();
            noteError(err);
        }
        if (!goOn) {
            return;
        }
        if (periodNanos == 0 || isLate) {
            if (isLate) {
                late.increment();
            }
            tick(d);
        } else {
            loops.schedule(() -> tick(d), d.nextDue - now, TimeUnit.NANOSECONDS);
        }
    }

    /** Finds devices whose connection was lost, counts them into outages and lets them reconnect. */
    private void watch() {
        while (!stopping) {
            long now = System.nanoTime();
            for (FleetDevice d : devices) {
                if (d.up && !d.link.isConnected()) {
                    lostNow(d, now);
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(WATCH_NANOS);
        }
    }

    private void lostNow(FleetDevice d, long now) {
        MqttLink old;
        synchronized (d) {
            if (!d.up || d.link.isConnected()) {
                return;
            }
            d.up = false;
            old = d.link;
            d.awaiting.add(storms.lost(now));
        }
        lost.increment();
        closer.execute(old::close);
        reconnectLater(d);
    }

    private void progressUntil(long end) throws InterruptedException {
        long lastAcked = 0;
        long lastAt = start;
        boolean allConnected = false;
        long settled = start + settings.settle().toNanos();
        boolean settling = settled > start;
        while (System.nanoTime() < end) {
            long next = Math.min(end, lastAt + TimeUnit.SECONDS.toNanos(5));
            while (System.nanoTime() < next) {
                if (settling && System.nanoTime() >= settled) {
                    settling = false;
                    beginFigures();
                }
                Thread.sleep(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime()))));
                if (!allConnected && connected.get() == devices.size()) {
                    allConnected = true;
                    double s = (lastFirstConnAck.get() - start) / 1e9;
                    out.printf(Locale.ROOT, "all %d devices connected in %.2f s (%.0f connects/s, %d refused, %d retried)%n",
                            devices.size(), s, devices.size() / Math.max(s, 1e-3), refused.sum(), retried.sum());
                    out.flush();
                }
            }
            long now = System.nanoTime();
            long ackedNow = acked.sum();
            out.printf(Locale.ROOT, "t+%3.0fs  connected %d/%d  acked %,9d  %8.0f/s  PUBACK p99 %s ms  failed %d  late %d"
                            + "  lost %d%n", (now - start) / 1e9, connected.get(), devices.size(), ackedNow,
                    (ackedNow - lastAcked) / ((now - lastAt) / 1e9), LatencyHistogram.ms(pubAck.percentileMicros(99)),
                    failed.sum(), late.sum(), lost.sum());
            out.flush();
            lastAcked = ackedNow;
            lastAt = now;
        }
    }

    /** Ends the settle time: the rate and PUBACK figures count from now on (a reading in flight counts when acked). */
    private void beginFigures() {
        measuredFrom = System.nanoTime();
        sentBefore = sent.sum();
        ackedBefore = acked.sum();
        failedBefore = failed.sum();
        lateBefore = late.sum();
        pubAck = new LatencyHistogram();
        out.printf(Locale.ROOT, "t+%3.0fs  settled: the figures count from here (%,d readings acked before)%n",
                (measuredFrom - start) / 1e9, ackedBefore);
        out.flush();
    }

    /** Waits up to 5 s for the readings still in flight; returns how many never got their PUBACK. */
    private long drain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long missing;
        do {
            missing = 0;
            for (FleetDevice d : devices) {
                synchronized (d) {
                    missing += d.up && d.inFlight ? 1 : 0;
                }
            }
            if (missing == 0) {
                return 0;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return missing;
    }

    private void closeAll() throws InterruptedException {
        closer.shutdown();
        closer.awaitTermination(5, TimeUnit.SECONDS);
        devices.parallelStream().forEach(d -> {
            MqttLink link;
            synchronized (d) {
                link = d.link;
            }
            if (link != null) {
                link.close();
            }
        });
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void noteError(Throwable err) {
        if (errors.getAndIncrement() == 0) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            firstError = String.valueOf(cause.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
