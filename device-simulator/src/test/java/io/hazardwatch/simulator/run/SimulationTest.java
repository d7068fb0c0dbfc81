package io.hazardwatch.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.simulator.TestScenarios;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.SignalGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulationTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

    @TempDir
    Path dir;
    private Scenario scenario;
    private final RecordingPublisher publisher = new RecordingPublisher(false);
    private final StringWriter out = new StringWriter();

    @BeforeEach
    void loadScenario() {
        scenario = TestScenarios.load(dir, "tcp://127.0.0.1:1883");
    }

    @Test
    void publishesEveryDeviceOncePerTickUntilTheDurationIsOver() throws Exception {
        PublishCounts counts = simulation(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(10)).run();

        // 20 ticks are due in one second; one may be skipped if the machine stalls
        assertThat(publisher.ticks).hasSizeBetween(18, 20);
        assertThat(publisher.ticks).allSatisfy(tick -> assertThat(tick).hasSize(TestScenarios.DEVICES));
        assertThat(publisher.stamps).containsOnly(NOW);
        assertThat(counts.batches()).isEqualTo(publisher.ticks.size() * (long) TestScenarios.DEVICES);
    }

    @Test
    void samplesEachTickAtItsScheduledTimeSoTheSeriesIsReplayable() throws Exception {
        simulation(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10)).run();

        SignalGenerator same = new SignalGenerator(scenario, 5);
        assertThat(publisher.ticks.get(0)).isEqualTo(same.sample(Duration.ZERO));
        assertThat(publisher.ticks).contains(same.sample(Duration.ofMillis(150)));
    }

    @Test
    void printsRunningTotalsPeriodicallyAndOnceAtTheEnd() throws Exception {
        simulation(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(300)).run();

        String[] lines = out.toString().split("\\R");
        assertThat(lines.length).isBetween(3, 5);
        assertThat(lines[0]).matches("t\\+0s: published \\d+ batches \\(\\d+ readings\\), failed 0");
        assertThat(lines[lines.length - 1]).isEqualTo("done after 1s: " + publisher.counts());
    }

    @Test
    void stopEndsAnOpenEndedRunAfterTheCurrentTick() throws Exception {
        Simulation simulation = simulation(Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(10));

        CompletableFuture<PublishCounts> run = CompletableFuture.supplyAsync(() -> {
            try {
                return simulation.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(350);
        simulation.stop();

        PublishCounts counts = run.get(5, TimeUnit.SECONDS);
        assertThat(counts.batches()).isBetween(3L * TestScenarios.DEVICES, 5L * TestScenarios.DEVICES);
        assertThat(out.toString()).startsWith("done after 0s: ");
    }

    @Test
    void skipsTicksThatAreAlreadyPastInsteadOfSendingThemInABurst() {
        long interval = 1_000;
        assertThat(Simulation.nextTick(0, 300, interval)).isEqualTo(1);
        assertThat(Simulation.nextTick(0, 1_050, interval)).isEqualTo(1);
        assertThat(Simulation.nextTick(0, 3_400, interval)).isEqualTo(3);
        assertThat(Simulation.nextTick(5, 5_999, interval)).isEqualTo(6);
    }

    private Simulation simulation(Duration interval, Duration duration, Duration summaryEvery) {
        return new Simulation(new SignalGenerator(scenario, 5), publisher,
                new Simulation.Settings(interval, duration, summaryEvery), new PrintWriter(out),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
