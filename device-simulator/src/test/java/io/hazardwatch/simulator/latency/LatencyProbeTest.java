package io.hazardwatch.simulator.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LatencyProbeTest {

    private static final SensorKey A = new SensorKey("ent-a", "tank-1", "lel-1");
    private static final SensorKey B = new SensorKey("ent-a", "tank-2", "lel-2");
    private static final SensorKey C = new SensorKey("ent-b", "room-1", "nh3-1");

    private final FakePipeline pipeline = new FakePipeline();
    private final StringWriter out = new StringWriter();

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void probesTheSensorsInTurnAndClearsEachBeforeTheNextProbe() throws InterruptedException {
        pipeline.delay = Duration.ofMillis(20);

        LatencyProbe.Result r = run(7, A, B, C);

        assertThat(r.probes()).isEqualTo(7);
        assertThat(r.seen()).isEqualTo(7);
        assertThat(r.lost()).isZero();
        assertThat(pipeline.timeline().stream().filter(line -> !line.startsWith("publish") || !line.endsWith(" 2.0"))
                .toList()).containsExactly(
                "publish " + A + " 30.0", "board THRESHOLD RAISED " + A, "board THRESHOLD CLEARED " + A,
                "publish " + B + " 30.0", "board THRESHOLD RAISED " + B, "board THRESHOLD CLEARED " + B,
                "publish " + C + " 30.0", "board THRESHOLD RAISED " + C, "board THRESHOLD CLEARED " + C,
                "publish " + A + " 30.0", "board THRESHOLD RAISED " + A, "board THRESHOLD CLEARED " + A,
                "publish " + B + " 30.0", "board THRESHOLD RAISED " + B, "board THRESHOLD CLEARED " + B,
                "publish " + C + " 30.0", "board THRESHOLD RAISED " + C, "board THRESHOLD CLEARED " + C,
                "publish " + A + " 30.0", "board THRESHOLD RAISED " + A, "board THRESHOLD CLEARED " + A);
    }

    @Test
    void stopsProbingOnceItsDurationIsOverAndCountsOnlyTheProbesItMade() throws InterruptedException {
        List<LatencyProbe.Target> targets = List.of(new LatencyProbe.Target(A, "%LEL"), new LatencyProbe.Target(B, "%LEL"));
        LatencyProbe.Settings settings = new LatencyProbe.Settings(targets, 30, 2, 100_000, Duration.ofMillis(50),
                Duration.ofMillis(300), Duration.ofSeconds(1));
        LatencyProbe probe = new LatencyProbe(Map.of("ent-a", pipeline.link("ent-a"), "ent-b", pipeline.link("ent-b")),
                settings, new PrintWriter(out, true));
        pipeline.feed(probe::onAlarm);

        long start = System.nanoTime();
        LatencyProbe.Result r = probe.run();

        assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(4));
        assertThat(r.probes()).isBetween(2, 1000);
        assertThat(r.seen()).isEqualTo(r.probes());
        assertThat(out.toString()).contains("sample ");
    }

    @Test
    void splitsEachProbeIntoPublishToPubAckAndPubAckToAlarm() throws InterruptedException {
        pipeline.pubAckDelay = Duration.ofMillis(30); // the gateway and Kafka
        pipeline.delay = Duration.ofMillis(80);       // publish -> board

        LatencyProbe.Result r = run(4, A, B);

        assertThat(r.seen()).isEqualTo(4);
        assertThat(r.toPubAck().count()).isEqualTo(4);
        assertThat(r.afterPubAck().count()).isEqualTo(4);
        assertThat(r.toPubAck().percentileMicros(50)).isBetween(30_000L, 60_000L);
        assertThat(r.afterPubAck().percentileMicros(50)).isBetween(20_000L, 50_000L);
        assertThat(r.latency().percentileMicros(50)).isBetween(80_000L, 110_000L);
    }

    @Test
    void warmUpProbesAreMadeInTurnButLeftOutOfTheFigures() throws InterruptedException {
        pipeline.delay = Duration.ofMillis(5);
        List<LatencyProbe.Target> targets = List.of(new LatencyProbe.Target(A, "%LEL"), new LatencyProbe.Target(B, "%LEL"));
        LatencyProbe.Settings settings = new LatencyProbe.Settings(targets, 30, 2, 3, Duration.ZERO,
                Duration.ofMillis(300), null, 2);
        LatencyProbe probe = new LatencyProbe(Map.of("ent-a", pipeline.link("ent-a"), "ent-b", pipeline.link("ent-b")),
                settings, new PrintWriter(out, true));
        pipeline.feed(probe::onAlarm);

        LatencyProbe.Result r = probe.run();

        assertThat(r.probes()).isEqualTo(3);
        assertThat(r.seen()).isEqualTo(3);
        assertThat(r.latency().count()).isEqualTo(3);
        // five probes in one rotation: A, B (warm-up), then A, B, A
        assertThat(pipeline.timeline()).filteredOn(line -> line.endsWith(" 30.0")).containsExactly(
                "publish " + A + " 30.0", "publish " + B + " 30.0",
                "publish " + A + " 30.0", "publish " + B + " 30.0", "publish " + A + " 30.0");
        assertThat(out.toString().lines().filter(l -> l.startsWith("warm-up "))).hasSize(2);
        assertThat(out.toString().lines().filter(l -> l.startsWith("sample "))).hasSize(3);
    }

    @Test
    void publishesANormalValueForEverySensorFirstAndAfterEachProbe() throws InterruptedException {
        run(2, A, B);

        assertThat(pipeline.timeline()).filteredOn(line -> line.startsWith("publish")).containsExactly(
                "publish " + A + " 2.0", "publish " + B + " 2.0",
                "publish " + A + " 30.0", "publish " + A + " 2.0",
                "publish " + B + " 30.0", "publish " + B + " 2.0");
    }

    @Test
    void aProbeIsNotCompletedByTheAlarmOfAnotherSensor() throws InterruptedException {
        // GIVEN a board that shows A's alarms under B's key, same event time
        pipeline.board = e -> List.of(keyOf(e).equals(A) ? retarget(e, B) : e);

        // WHEN A, B, C, A are probed
        LatencyProbe.Result r = run(4, A, B, C);

        // THEN both probes of A are lost, and only B's and C's own alarms are timed
        assertThat(r.lost()).isEqualTo(2);
        assertThat(r.seen()).isEqualTo(2);
        assertThat(r.lostBySensor()).containsExactly(Map.entry(A, 2), Map.entry(B, 0), Map.entry(C, 0));
        assertThat(out.toString()).contains("latency: " + A + " not seen CLEARED within 0.3 s");
    }

    @Test
    void aRaisedAlarmFromAnEarlierEpisodeOfTheSameSensorDoesNotCompleteAProbe() throws InterruptedException {
        // the board shows each RAISED with an event time a second early, as a stale alarm would be
        pipeline.board = e -> List.of(e.transition() == AlarmTransition.RAISED
                ? FakePipeline.event(keyOf(e), AlarmTransition.RAISED, e.value(), e.episodeStart(),
                        e.eventTime().minusSeconds(1))
                : e);

        LatencyProbe.Result r = run(2, A);

        assertThat(r.lost()).isEqualTo(2);
        assertThat(r.seen()).isZero();
    }

    @Test
    void anotherAlarmTypeOfTheSensorDoesNotCompleteAProbe() throws InterruptedException {
        pipeline.board = e -> List.of(e.transition() == AlarmTransition.RAISED
                ? FakePipeline.event(keyOf(e), AlarmEvent.MAC, AlarmTransition.RAISED, e.value(), e.episodeStart(),
                        e.eventTime())
                : e);

        LatencyProbe.Result r = run(1, A);

        assertThat(r.lost()).isEqualTo(1);
    }

    @Test
    void namesAFlappingSensorOnceAndCountsItsHeldBackProbesAsLost() throws InterruptedException {
        // GIVEN a job that calls A flapping at its second raise and holds A's alarms back from then on
        AtomicInteger raisesOfA = new AtomicInteger();
        pipeline.board = e -> {
            if (!keyOf(e).equals(A)) {
                return List.of(e);
            }
            if (e.transition() == AlarmTransition.RAISED && raisesOfA.incrementAndGet() == 2) {
                return List.of(FakePipeline.event(A, AlarmEvent.FLAPPING, AlarmTransition.RAISED, e.value(),
                        e.eventTime(), e.eventTime()));
            }
            return raisesOfA.get() >= 2 ? List.of() : List.of(e);
        };

        LatencyProbe.Result r = run(6, A, B);

        assertThat(r.lostBySensor()).containsExactly(Map.entry(A, 2), Map.entry(B, 0));
        assertThat(out.toString().split("is FLAPPING", -1)).hasSize(2);
        assertThat(out.toString()).contains("latency: " + A + " is FLAPPING: the detection job holds its RAISED"
                + " alarms back; probe more sensors or less often");
    }

    @Test
    void publishesEachSensorThroughItsOwnEnterprisesLink() throws InterruptedException {
        LatencyProbe.Result r = run(3, A, C);

        assertThat(r.lost()).isZero();
        assertThat(out.toString()).doesNotContain("probe publish failed");
    }

    private LatencyProbe.Result run(int count, SensorKey... sensors) throws InterruptedException {
        List<LatencyProbe.Target> targets = java.util.Arrays.stream(sensors)
                .map(s -> new LatencyProbe.Target(s, "%LEL")).toList();
        LatencyProbe.Settings settings = new LatencyProbe.Settings(targets, 30, 2, count, Duration.ZERO,
                Duration.ofMillis(300));
        LatencyProbe probe = new LatencyProbe(Map.of("ent-a", pipeline.link("ent-a"), "ent-b", pipeline.link("ent-b")),
                settings, new PrintWriter(out, true));
        pipeline.feed(probe::onAlarm);
        return probe.run();
    }

    private static SensorKey keyOf(AlarmEvent e) {
        return new SensorKey(e.enterprise(), e.device(), e.sensor());
    }

    private static AlarmEvent retarget(AlarmEvent e, SensorKey to) {
        return FakePipeline.event(to, e.transition(), e.value(), e.episodeStart(), e.eventTime());
    }
}
