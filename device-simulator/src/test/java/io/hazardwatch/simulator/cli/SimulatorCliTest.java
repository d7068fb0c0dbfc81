package io.hazardwatch.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.simulator.TestScenarios;
import io.hazardwatch.simulator.run.RecordingPublisher;
import io.hazardwatch.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatorCliTest {

    @TempDir
    Path dir;
    private Path scenarioFile;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Scenario> published = new ArrayList<>();
    private RecordingPublisher publisher = new RecordingPublisher(false);

    @BeforeEach
    void writeScenario() {
        scenarioFile = TestScenarios.write(dir, "tcp://127.0.0.1:1883");
    }

    @Test
    void runPublishesForTheDurationAndPrintsAFinalSummary() {
        int exit = execute("run", "--scenario", scenarioFile.toString(), "--interval-ms", "100", "--duration", "1");

        assertThat(exit).isZero();
        assertThat(publisher.started).isTrue();
        assertThat(publisher.closed).isTrue();
        assertThat(publisher.ticks).hasSizeBetween(9, 10);
        assertThat(out.toString()).contains("done after 1s: published " + publisher.counts().batches() + " batches");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void brokerOptionOverridesTheScenarioBroker() {
        execute("run", "--scenario", scenarioFile.toString(), "--broker", "tcp://10.1.2.3:1884",
                "--interval-ms", "100", "--duration", "1");

        assertThat(published).extracting(Scenario::broker).containsExactly("tcp://10.1.2.3:1884");
    }

    @Test
    void exitsWith1WhenNothingCouldBePublished() {
        publisher = new RecordingPublisher(true);

        int exit = execute("run", "--scenario", scenarioFile.toString(), "--interval-ms", "200", "--duration", "1");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("published 0 batches (0 readings), failed 15");
    }

    @Test
    void missingScenarioOptionExitsWith2NamingIt() {
        assertBadInput(execute("run"), "device-simulator simulate: Missing required option: '--scenario=FILE'");
    }

    @Test
    void scenarioFileThatDoesNotExistExitsWith2() {
        Path missing = dir.resolve("nope.yaml");

        assertBadInput(execute("run", "--scenario", missing.toString()),
                "device-simulator simulate: --scenario " + missing + ": scenario file " + missing + " does not exist");
    }

    @Test
    void invalidScenarioExitsWith2NamingTheField() throws IOException {
        Files.writeString(scenarioFile, TestScenarios.yaml("tcp://127.0.0.1:1883").replace("peak: 65", "peak: 2"));

        assertBadInput(execute("run", "--scenario", scenarioFile.toString()),
                "device-simulator simulate: --scenario " + scenarioFile
                        + ": enterprises[0].devices[0].sensors[0].behaviour.peak: must be > baseline mean 3.0, was 2.0");
    }

    @Test
    void nonPositiveIntervalExitsWith2() {
        assertBadInput(execute("run", "--scenario", scenarioFile.toString(), "--interval-ms", "0"),
                "device-simulator simulate: --interval-ms: must be > 0, was 0");
    }

    @Test
    void negativeDurationExitsWith2() {
        assertBadInput(execute("run", "--scenario", scenarioFile.toString(), "--duration", "-5"),
                "device-simulator simulate: --duration: must be >= 0 (0 = until stopped), was -5");
    }

    @Test
    void seedThatIsNotANumberExitsWith2() {
        assertBadInput(execute("run", "--scenario", scenarioFile.toString(), "--seed", "abc"),
                "device-simulator simulate: Invalid value for option '--seed': 'abc' is not a long");
    }

    @Test
    void brokerThatIsNotAnMqttUrlExitsWith2() {
        assertBadInput(execute("run", "--scenario", scenarioFile.toString(), "--broker", "localhost"),
                "device-simulator simulate: --broker: 'localhost' is not a broker URL like tcp://127.0.0.1:1883");
    }

    @Test
    void unknownOptionExitsWith2() {
        assertBadInput(execute("run", "--scenario", scenarioFile.toString(), "--sead", "1"),
                "device-simulator simulate: Unknown options: '--sead', '1'");
    }

    @Test
    void noCommandExitsWith2() {
        assertBadInput(execute(), "device-simulator: missing command: simulate, record, replay, load or latency (see --help)");
    }

    @Test
    void simulateNamesABadMqttVersion() {
        assertBadInput(execute("simulate", "--scenario", scenarioFile.toString(), "--mqtt-version", "4"),
                "device-simulator simulate: --mqtt-version: must be 3 (MQTT 3.1.1) or 5, was 4");
    }

    @Test
    void simulateNamesABadQos() {
        assertBadInput(execute("simulate", "--scenario", scenarioFile.toString(), "--qos", "2"),
                "device-simulator simulate: --qos: must be 0 or 1, was 2");
    }

    @Test
    void simulateScalesTheScenarioByTheCopyOptions() {
        int exit = execute("simulate", "--scenario", scenarioFile.toString(), "--enterprises", "2", "--devices", "3",
                "--interval-ms", "100", "--duration", "1");

        assertThat(exit).isZero();
        assertThat(published.get(0).deviceCount()).isEqualTo(TestScenarios.DEVICES * 2 * 3);
    }

    @Test
    void loadNamesANonPositiveRate() {
        assertBadInput(execute("load", "--scenario", scenarioFile.toString(), "--rate", "0"),
                "device-simulator load: --rate: must be > 0, was 0.0");
    }

    @Test
    void loadRefusesABatchLargerThanTheGatewayAccepts() {
        assertBadInput(execute("load", "--scenario", scenarioFile.toString(), "--batch", "501"),
                "device-simulator load: --batch: must be <= 500 (the gateway's ingest.max-batch-size), was 501");
    }

    @Test
    void loadNamesTheScenarioFieldThatIsWrong() throws IOException {
        Files.writeString(scenarioFile, TestScenarios.yaml("tcp://127.0.0.1:1883").replace("unit: degC", "unit: \"\""));

        assertBadInput(execute("load", "--scenario", scenarioFile.toString()), "device-simulator load: --scenario "
                + scenarioFile + ": enterprises[0].devices[0].sensors[1].unit: required");
    }

    @Test
    void replayNamesTheLineOfABadRecording() throws IOException {
        Path csv = Files.writeString(dir.resolve("day.csv"), "time,enterprise,device,sensor,value,unit\nnow,e,d,s,1,ppm\n");

        assertBadInput(execute("replay", "--file", csv.toString(), "--broker", "tcp://127.0.0.1:1883"),
                "device-simulator replay: --file: " + csv + " line 2: time: 'now' is not an ISO-8601 instant or epoch milliseconds");
    }

    @Test
    void replayNamesANonPositiveSpeed() throws IOException {
        assertBadInput(execute("replay", "--file", "x.jsonl", "--broker", "tcp://127.0.0.1:1883", "--speed", "-2"),
                "device-simulator replay: --speed: must be > 0, was -2.0");
    }

    @Test
    void recordNeedsExactlyOneSource() {
        assertBadInput(execute("record", "--out", "x.jsonl", "--duration", "1"),
                "device-simulator record: Error: Missing required argument (specify one of these): (--broker=URL | --kafka=HOST:PORT)");
    }

    @Test
    void latencyNamesASensorThatIsNotInTheScenario() {
        assertBadInput(execute("latency", "--scenario", scenarioFile.toString(), "--sensor", "ent-a/tank-1/nope",
                "--high", "60", "--low", "3"),
                "device-simulator latency: --sensor: 'ent-a/tank-1/nope' is not in " + scenarioFile);
    }

    @Test
    void latencyNamesAMalformedSensorKey() {
        assertBadInput(execute("latency", "--scenario", scenarioFile.toString(), "--sensor", "lel-1",
                "--high", "60", "--low", "3"),
                "device-simulator latency: --sensor: 'lel-1' is not ENTERPRISE/DEVICE/SENSOR");
    }

    private void assertBadInput(int exit, String message) {
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(message + System.lineSeparator());
        assertThat(publisher.started).isFalse();
    }

    private int execute(String... args) {
        PublisherFactory factory = (scenario, version, qos) -> {
            published.add(scenario);
            return publisher;
        };
        CommandLine cli = SimulatorCli.commandLine(factory);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}
