package io.hazardwatch.simulator.latency;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.Topics;
import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.report.LatencyHistogram;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Measures publish → alarm-on-board, one probe at a time, going round-robin over the sensors: publishes a reading
 * above the sensor's set point, marked by its unique timestamp, and waits for the board's {@code RAISED}
 * threshold event of that sensor whose event time is that mark; then publishes a normal value and waits for
 * that episode's {@code CLEARED}, so that the sensor is clear before its next turn.
 */
public final class LatencyProbe {

    /** Longest wait at the start for sensors left raised by an earlier run to clear. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    /** A probed sensor and the unit its readings carry. */
    public record Target(SensorKey sensor, String unit) {
    }

    /**
     * @param targets probed in turn, in this order
     * @param high    a value that raises an alarm; {@code low}: one that clears it
     * @param every   pause after each probe
     * @param timeout how long to wait for each alarm before counting it lost, and for each clear
     * @param duration stop probing after this long even if fewer than {@code count} probes ran (null: no limit);
     *                 the warm-up probes count towards it
     * @param warmup   probes made before the {@code count} measured ones and left out of the figures: the first
     *                 alarms a freshly started probe sees are slowed by its own start (class loading, JIT, the
     *                 HTTP client's first reads of the stream), which is not the pipeline's latency
     */
    public record Settings(List<Target> targets, double high, double low, int count, Duration every,
                           Duration timeout, Duration duration, int warmup) {
        public Settings {
            targets = List.copyOf(targets);
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must be >= 0, was " + warmup);
            }
        }

        public Settings(List<Target> targets, double high, double low, int count, Duration every, Duration timeout,
                        Duration duration) {
            this(targets, high, low, count, every, timeout, duration, 0);
        }

        public Settings(List<Target> targets, double high, double low, int count, Duration every, Duration timeout) {
            this(targets, high, low, count, every, timeout, null, 0);
        }
    }

    /**
     * @param latency      publish → alarm on the board, of the probes seen
     * @param toPubAck     of those, publish → PUBACK (the gateway and Kafka; the gateway acknowledges after Kafka's ack)
     * @param afterPubAck  of those, PUBACK → alarm on the board (detection, the alarms topic, the alert service)
     * @param lostBySensor probes without their alarm, per sensor in turn order (zeros included)
     */
    public record Result(int probes, int seen, int lost, LatencyHistogram latency, LatencyHistogram toPubAck,
                         LatencyHistogram afterPubAck, Map<SensorKey, Integer> lostBySensor) {
    }

    private final Map<String, MqttLink> linksByEnterprise;
    private final Settings settings;
    private final PrintWriter out;
    private final Set<SensorKey> probed;
    private final LinkedBlockingQueue<AlarmStreamClient.Arrival> arrivals = new LinkedBlockingQueue<>();
    private final Set<SensorKey> reportedFlapping = new HashSet<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LatencyHistogram toPubAck = new LatencyHistogram();
    private final LatencyHistogram afterPubAck = new LatencyHistogram();

    /** @param linksByEnterprise a connected link per enterprise of the targets, logged in as its gateway */
    public LatencyProbe(Map<String, MqttLink> linksByEnterprise, Settings settings, PrintWriter out) {
        this.linksByEnterprise = Map.copyOf(linksByEnterprise);
        this.settings = settings;
        this.out = out;
        this.probed = settings.targets().stream().map(Target::sensor).collect(Collectors.toUnmodifiableSet());
    }

    /** Feed of the board's alarm events (from {@link AlarmStreamClient}); keeps those of the probed sensors. */
    public void onAlarm(AlarmStreamClient.Arrival arrival) {
        if (probed.contains(arrival.sensor())) {
            arrivals.add(arrival);
        }
    }

    public Result run() throws InterruptedException {
        settle();
        List<Target> targets = settings.targets();
        Map<SensorKey, Integer> lostBySensor = new LinkedHashMap<>();
        targets.forEach(t -> lostBySensor.put(t.sensor(), 0));
        int lost = 0;
        int probes = 0;
        long end = settings.duration() == null ? Long.MAX_VALUE : System.nanoTime() + settings.duration().toNanos();
        int warmup = settings.warmup();
        for (int i = 0; i < warmup && System.nanoTime() < end; i++) {
            probe(targets.get(i % targets.size()), false);
            Thread.sleep(settings.every().toMillis());
        }
        for (int i = 0; i < settings.count() && System.nanoTime() < end; i++) {
            probes++;
            Target target = targets.get((warmup + i) % targets.size());
            if (!probe(target, true)) {
                lost++;
                lostBySensor.merge(target.sensor(), 1, Integer::sum);
            }
            if ((i + 1) % 10 == 0) {
                out.printf(Locale.ROOT, "probe %d/%d  p50 %s ms  p99 %s ms  lost %d%n", i + 1, settings.count(),
                        LatencyHistogram.ms(latency.percentileMicros(50)), LatencyHistogram.ms(latency.percentileMicros(99)), lost);
                out.flush();
            }
            Thread.sleep(settings.every().toMillis());
        }
        return new Result(probes, (int) latency.count(), lost, latency, toPubAck, afterPubAck, lostBySensor);
    }

    /**
     * Raises the target's alarm and clears it again; true when its RAISED came in time. A {@code measured} probe's
     * latency goes into the figures; a warm-up probe's is only printed.
     */
    private boolean probe(Target target, boolean measured) throws InterruptedException {
        SensorKey sensor = target.sensor();
        Instant mark = Instant.ofEpochMilli(System.currentTimeMillis());
        long sentAt = System.nanoTime();
        long ackedAt = publish(target, settings.high(), mark);
        // the row of the episode this probe's reading raised: it started with that reading and nothing changed it since
        AlarmStreamClient.Arrival raised = await(e -> isThreshold(e, sensor) && e.active() && e.raisedAt().equals(mark)
                && e.lastUpdate().equals(mark), settings.timeout());
        String kind = measured ? "sample" : "warm-up";
        if (raised != null) {
            if (measured) {
                latency.recordNanos(raised.nanoTime() - sentAt);
                if (ackedAt > 0) { // the board's event may be taken in before the PUBACK's future completes: 0 then
                    toPubAck.recordNanos(Math.min(ackedAt, raised.nanoTime()) - sentAt);
                    afterPubAck.recordNanos(Math.max(0, raised.nanoTime() - ackedAt));
                }
            }
            // one line per probe, with the wall clock: a slow one can be matched with what the services logged then
            out.printf(Locale.ROOT, "%s %s %s %.1f ms (incident %s)%n", kind, mark, sensor,
                    (raised.nanoTime() - sentAt) / 1e6, raised.incidentId());
        } else {
            out.printf(Locale.ROOT, "%s %s %s lost%n", kind, mark, sensor);
        }
        publish(target, settings.low(), Instant.now());
        if (await(e -> isThreshold(e, sensor) && !e.active() && e.raisedAt().equals(mark),
                settings.timeout()) == null) {
            out.println("latency: " + sensor + " not seen CLEARED within " + ProbeRotation.seconds(settings.timeout())
                    + " of its normal reading; its next probe may find it still raised");
            out.flush();
        }
        return raised != null;
    }

    /**
     * Publishes a normal value for every sensor, then waits {@link #SETTLE} (or the timeout, if shorter) so that
     * those left raised by an earlier run clear, and drops what the board sent meanwhile.
     */
    private void settle() throws InterruptedException {
        for (Target target : settings.targets()) {
            publish(target, settings.low(), Instant.now());
        }
        await(e -> false, settings.timeout().compareTo(SETTLE) < 0 ? settings.timeout() : SETTLE);
    }

    /** Publishes at QoS 1 and waits for the PUBACK; returns its {@link System#nanoTime()}, or 0 when it failed. */
    private long publish(Target target, double value, Instant ts) {
        SensorKey sensor = target.sensor();
        byte[] payload = Json.toBytes(DeviceMessage.reading(sensor.sensor(), value, target.unit(), ts));
        try {
            linksByEnterprise.get(sensor.enterprise()).publish(Topics.mqttReadings(sensor.enterprise(), sensor.device()),
                    payload, 1).get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return System.nanoTime();
        } catch (Exception e) {
            out.println("probe publish failed: " + e);
            return 0;
        }
    }

    /** The first arrival that is {@code wanted}, or null after {@code timeout}; the others are dropped. */
    private AlarmStreamClient.Arrival await(Predicate<AlarmStreamClient.Arrival> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            AlarmStreamClient.Arrival arrival = arrivals.poll(left, TimeUnit.NANOSECONDS);
            if (arrival == null) {
                return null;
            }
            noticeFlapping(arrival);
            if (wanted.test(arrival)) {
                return arrival;
            }
        }
        return null;
    }

    /** A flapping sensor's RAISED events are held back: say so once, as it explains the lost probes. */
    private void noticeFlapping(AlarmStreamClient.Arrival e) {
        if (AlarmEvent.FLAPPING.equals(e.alarmType()) && e.active() && reportedFlapping.add(e.sensor())) {
            out.println("latency: " + e.sensor() + " is FLAPPING: the detection job holds its RAISED alarms back;"
                    + " probe more sensors or less often");
            out.flush();
        }
    }

    private static boolean isThreshold(AlarmStreamClient.Arrival e, SensorKey sensor) {
        return AlarmEvent.THRESHOLD.equals(e.alarmType()) && e.sensor().equals(sensor);
    }
}
