package io.hazardwatch.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.simulator.TestScenarios;
import io.hazardwatch.simulator.run.RecordingPublisher;
import io.hazardwatch.simulator.run.TickPublisher;
import io.hazardwatch.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
        assertBadInput(execute("run"), "device-simulator run: Missing required option: '--scenario=FILE'");
    }

    @Test
    void scenarioFileThatDoesNotExistExitsWith2() {
        Path missing = dir.resolve("nope.yaml");

        assertBadInput(execute("run", "--scenario", missing.toString()),
                "device-simulator run: --scenario " + missing + ": scenario file " + missing + " does not exist");
    }

    @Test
    void invalidScenarioExitsWith2NamingTheField() throws IOException {
        Files.writeString(scenarioFile, TestScenarios.yaml("tcp://127.0.0.1:1883").replace("peak: 65", "peak: 2"));

        assertBadInput(execute("run", "--scenario", scenarioFile.toString()),
                "device-simulator run: --scenario " + scenarioFile
                        + ": enterprises[0].devices[0].sensors[0].behaviour.peak: must be > baseline mean 3.0, was 2.0");
    }

    @Test
    void nonPositiveIntervalExitsWith2() {
        assertBadInput(execute("run", "--scenario", scenarioFile.toString(), "--interval-ms", "0"),
                "device-simulator run: --interval-ms: must be > 0, was 0");
    }

    @Test
    void negativeDurationExitsWith2() {
        assertBadInput(execute("run", "--scenario", scenarioFile.toString(), "--duration", "-5"),
                "device-simulator run: --duration: must be >= 0 (0 = until stopped), was -5");
    }

    @Test
    void seedThatIsNotANumberExitsWith2() {
        assertBadInput(execute("run", "--scenario", scenarioFile.toString(), "--seed", "abc"),
                "device-simulator run: Invalid value for option '--seed': 'abc' is not a long");
    }

    @Test
    void brokerThatIsNotAnMqttUrlExitsWith2() {
        assertBadInput(execute("run", "--scenario", scenarioFile.toString(), "--broker", "localhost"),
                "device-simulator run: --broker: 'localhost' is not a broker URL like tcp://127.0.0.1:1883");
    }

    @Test
    void unknownOptionExitsWith2() {
        assertBadInput(execute("run", "--scenario", scenarioFile.toString(), "--sead", "1"),
                "device-simulator run: Unknown options: '--sead', '1'");
    }

    @Test
    void noCommandExitsWith2() {
        assertBadInput(execute(), "device-simulator: missing command: run (see --help)");
    }

    private void assertBadInput(int exit, String message) {
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(message + System.lineSeparator());
        assertThat(publisher.started).isFalse();
    }

    private int execute(String... args) {
        Function<Scenario, TickPublisher> factory = scenario -> {
            published.add(scenario);
            return publisher;
        };
        CommandLine cli = SimulatorCli.commandLine(factory);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}
