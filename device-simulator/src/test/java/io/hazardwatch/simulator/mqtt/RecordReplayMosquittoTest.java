package io.hazardwatch.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.Topics;
import io.hazardwatch.simulator.TestScenarios;
import io.hazardwatch.simulator.cli.SimulatorCli;
import io.hazardwatch.simulator.replay.RecordedMessage;
import io.hazardwatch.simulator.replay.RecordingFile;
import io.hazardwatch.testsupport.FreePort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands end to end through a real Mosquitto started by the test: simulate → record → replay, and load. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RecordReplayMosquittoTest {

    @TempDir
    Path dir;
    private MosquittoBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = new MosquittoBroker(FreePort.find(), dir).start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.stop();
    }

    @Test
    void whatIsRecordedReplaysAsTheSameMessagesInTheSameOrder() throws Exception {
        Path scenario = TestScenarios.write(dir, broker.url());
        Path recording = dir.resolve("day.jsonl");
        StringWriter recordOut = new StringWriter();
        CompletableFuture<Integer> recorder = CompletableFuture.supplyAsync(() -> cli(recordOut)
                .execute("record", "--broker", broker.url(), "--out", recording.toString(), "--duration", "5"));
        awaitText(recordOut, "recording ");

        int simulated = cli(new StringWriter()).execute("simulate", "--scenario", scenario.toString(), "--interval-ms", "200",
                "--duration", "1", "--mqtt-version", "5");
        assertThat(simulated).isZero();
        assertThat(recorder.get(30, TimeUnit.SECONDS)).isZero();

        List<RecordedMessage> recorded = RecordingFile.read(recording);
        assertThat(recorded).hasSizeBetween(4 * TestScenarios.DEVICES, 5 * TestScenarios.DEVICES);
        assertThat(recorded).extracting(RecordedMessage::topic).startsWith(Topics.mqttReadings("ent-a", "tank-1"),
                Topics.mqttReadings("ent-a", "tank-2"), Topics.mqttReadings("ent-b", "room-1"));

        List<String> replayed = new CopyOnWriteArrayList<>();
        try (MqttLink subscriber = LinkOptions.of(broker.url(), 3, "test-sub", null, null).open()) {
            subscriber.connect().get(10, TimeUnit.SECONDS);
            subscriber.subscribe(Topics.MQTT_PREFIX + "#", 1,
                    (topic, payload) -> replayed.add(topic + " " + new String(payload, StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);

            StringWriter replayOut = new StringWriter();
            int exit = cli(replayOut).execute("replay", "--file", recording.toString(), "--broker", broker.url(),
                    "--as-fast-as-possible");

            assertThat(exit).as(replayOut.toString()).isZero();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (replayed.size() < recorded.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertThat(replayed).containsExactlyElementsOf(recorded.stream()
                .map(m -> m.topic() + " " + new String(m.payload(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void loadReconnectsAfterTheBrokerRestartsAndGoesOnPublishing() throws Exception {
        Path scenario = TestScenarios.write(dir, broker.url());
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> load = CompletableFuture.supplyAsync(() -> cli(out).execute("load", "--scenario",
                scenario.toString(), "--rate", "500", "--connections", "4", "--duration", "10", "--client", "pipelined"));
        awaitText(out, "connected 4/4");
        Thread.sleep(1500);
        // WHEN the broker goes away for a moment (as a gateway restart does)
        broker.stop();
        Thread.sleep(1000);
        broker.start();
        long ackedBefore = ackedSoFar(out);

        assertThat(load.get(60, TimeUnit.SECONDS)).as(out.toString()).isZero();
        // THEN the connections came back by themselves and carried on
        assertThat(out.toString()).containsPattern("reconnected \\d+ times");
        Matcher result = Pattern.compile("readings_acked=(\\d+)").matcher(out.toString());
        assertThat(result.find()).as(out.toString()).isTrue();
        assertThat(Long.parseLong(result.group(1))).as(out.toString()).isGreaterThan(ackedBefore + 2000);
    }

    private static long ackedSoFar(StringWriter out) {
        Matcher progress = Pattern.compile("acked\\s+([\\d,]+) readings").matcher(out.toString());
        long acked = 0;
        while (progress.find()) {
            acked = Long.parseLong(progress.group(1).replace(",", ""));
        }
        return acked;
    }

    @Test
    void loadOffersItsRateOverManyConnectionsAndReportsPubAckLatency() {
        Path scenario = TestScenarios.write(dir, broker.url());
        StringWriter out = new StringWriter();

        int exit = cli(out).execute("load", "--scenario", scenario.toString(), "--rate", "2000", "--connections", "6",
                "--duration", "3", "--batch", "2");

        assertThat(exit).as(out.toString()).isZero();
        Matcher result = Pattern.compile("RESULT target=2000 sent_rate=(\\d+) acked_rate=(\\d+) batch=2 connections=6 "
                + "connected=6 .* failed=0 unacked=0").matcher(out.toString());
        assertThat(result.find()).as(out.toString()).isTrue();
        // a generous floor: the machine is shared, but Mosquitto takes 2 000/s without effort
        assertThat(Integer.parseInt(result.group(2))).isBetween(1200, 2100);
        assertThat(out.toString()).contains("| target/s | sent/s | acked/s |");
    }

    private static CommandLine cli(StringWriter out) {
        CommandLine cli = SimulatorCli.commandLine((scenario, version, qos) ->
                new ReadingPublisher(scenario, ReadingPublisherTest.fastSettings().with(version, qos)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli;
    }

    private static void awaitText(StringWriter out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!out.toString().contains(text)) {
            assertThat(System.nanoTime()).as("no '%s' in: %s", text, out).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
