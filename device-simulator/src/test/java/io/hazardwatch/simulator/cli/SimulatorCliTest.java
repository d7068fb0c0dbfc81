package io.hazardwatch.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.logins.RegistryLogins;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.simulator.TestScenarios;
import io.hazardwatch.simulator.load.FleetSecrets;
import io.hazardwatch.simulator.run.RecordingPublisher;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.ScenarioScaler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        assertBadInput(execute(), "device-simulator: missing command: simulate, record, replay, load, latency, connections, fleet, deadletter or attack (see --help)");
    }

    @Test
    void attackNamesALoginWithoutItsPassword() {
        assertBadInput(execute("attack", "--gateway-login", "ent-a-gw", "--own", "ent-a/tank-1/lel-1", "--victim",
                "ent-b/room-1/nh3-1", "--board-login", "duty:x"), "device-simulator attack: --gateway-login: expected USER:PASSWORD");
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
    void loadNamesAnUnknownClient() {
        assertBadInput(execute("load", "--scenario", scenarioFile.toString(), "--client", "hivemq"),
                "device-simulator load: --client: must be paho or pipelined, was 'hivemq'");
    }

    @Test
    void loadRefusesThePipelinedClientOnTls() {
        assertBadInput(execute("load", "--scenario", scenarioFile.toString(), "--client", "pipelined",
                        "--broker", "ssl://127.0.0.1:8883"),
                "device-simulator load: --client: pipelined speaks plain tcp:// only, the broker is ssl://127.0.0.1:8883");
    }

    @Test
    void fleetWritesARegistryThatKnowsEveryDeviceTheScaledLoadPublishesFor() {
        Path registry = dir.resolve("fleet.yaml");
        Path scenario = Path.of("scenarios/bench-e2e-load.yaml");
        int exit = execute("fleet", "--registry", "../deploy/config/registry.yaml", "--scenario", scenario.toString(),
                "--devices", "4", "--out", registry.toString());
        assertThat(exit).as(err.toString()).isZero();
        Registry loaded = Registry.load(registry);
        Scenario scaled = ScenarioScaler.scale(
                Scenario.load(scenario), 1, 4, 1);
        int sensors = 0;
        for (var e : scaled.enterprises()) {
            for (var d : e.devices()) {
                for (var s : d.sensors()) {
                    assertThat(loaded.sensor(new SensorKey(e.id(), d.id(), s.id())))
                            .as("%s/%s/%s", e.id(), d.id(), s.id()).isPresent();
                    sensors++;
                }
            }
        }
        assertThat(sensors).isEqualTo(4 * 5); // bench-e2e-load publishes 5 sensors
        // a copy keeps its original's thresholds, and only the published sensors
        var copy = loaded.sensor(new SensorKey("jinhua-powder", "dust-collector-1-3", "temp-01"))
                .orElseThrow();
        var original = loaded.sensor(new SensorKey("jinhua-powder", "dust-collector-1", "temp-01"))
                .orElseThrow();
        assertThat(copy.thresholds()).isEqualTo(original.thresholds());
        assertThat(loaded.sensor(new SensorKey("jinhua-powder", "dust-collector-1-3", "co-01"))).isEmpty();
        // the enterprise's gateway login publishes for the copies
        assertThat(RegistryLogins.login(loaded, "jinhua-powder-gw", "demo-dust-pass").orElseThrow()
                .mayPublishFor("jinhua-powder", "dust-collector-1-3")).isTrue();
    }

    @Test
    void fleetWithDeviceLoginsGivesEveryPublishedDeviceItsOwnSecretAndTheRegistryItsHash() throws IOException {
        Path registry = dir.resolve("fleet.yaml");
        Path secrets = dir.resolve("fleet.secrets");
        Path scenario = Path.of("scenarios/bench-e2e-load.yaml");
        int exit = execute("fleet", "--registry", "../deploy/config/registry.yaml", "--scenario", scenario.toString(),
                "--devices", "3", "--out", registry.toString(), "--device-logins", "--secrets-out", secrets.toString());
        assertThat(exit).as(err.toString()).isZero();

        Registry loaded = Registry.load(registry);
        List<FleetSecrets.Login> logins = FleetSecrets.read(secrets);
        Scenario scaled = ScenarioScaler.scale(Scenario.load(scenario), 1, 3, 1);
        assertThat(logins).extracting(l -> l.enterprise() + "/" + l.device()).containsExactlyInAnyOrderElementsOf(
                scaled.enterprises().stream().flatMap(e -> e.devices().stream().map(d -> e.id() + "/" + d.id())).toList());
        for (FleetSecrets.Login l : logins) {
            assertThat(l.username()).isEqualTo(l.enterprise() + "-" + l.device());
            var principal = RegistryLogins.login(loaded, l.username(), l.secret());
            assertThat(principal).as(l.username()).isPresent();
            assertThat(principal.orElseThrow().mayPublishFor(l.enterprise(), l.device())).isTrue();
        }
        // a secret logs in as its own device only
        assertThat(RegistryLogins.login(loaded, logins.get(0).username(), logins.get(1).secret())).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
    }

    @Test
    void fleetDeviceLoginsNeedASecretsFile() {
        assertBadInput(execute("fleet", "--registry", "../deploy/config/registry.yaml", "--scenario",
                        "scenarios/bench-e2e-load.yaml", "--devices", "2", "--out", dir.resolve("o.yaml").toString(),
                        "--device-logins"),
                "device-simulator fleet: --secrets-out: required with --device-logins");
    }

    @Test
    void loadFleetNeedsASecretsFile() {
        assertBadInput(execute("load", "--fleet", "--scenario", scenarioFile.toString()),
                "device-simulator load: --secrets: required with --fleet");
    }

    @Test
    void loadFleetNamesABadShard() throws IOException {
        Path secrets = dir.resolve("s.secrets");
        FleetSecrets.write(secrets, List.of(new FleetSecrets.Login("ent-a-tank-1", "hws_x", "ent-a", "tank-1")));
        assertBadInput(execute("load", "--fleet", "--secrets", secrets.toString(), "--shard", "2/2", "--scenario",
                        scenarioFile.toString()),
                "device-simulator load: --shard: must be I/N with 0 <= I < N, was '2/2'");
    }

    @Test
    void loadFleetNamesADeviceTheScenarioLacks() throws IOException {
        Path secrets = dir.resolve("s.secrets");
        FleetSecrets.write(secrets, List.of(new FleetSecrets.Login("ent-a-pump-7", "hws_x", "ent-a", "pump-7")));
        assertBadInput(execute("load", "--fleet", "--secrets", secrets.toString(), "--scenario", scenarioFile.toString()),
                "device-simulator load: --secrets: the scenario has no device ent-a/pump-7 (nor one it is a copy of), "
                        + "which the secrets file names");
    }

    @Test
    void fleetNamesAScenarioDeviceTheRegistryLacks() throws IOException {
        Path registry = dir.resolve("small.yaml");
        Files.writeString(registry, "version: 1\nenterprises:\n  - id: binhai-cold-chain\n    devices: []\n");
        assertBadInput(execute("fleet", "--registry", registry.toString(), "--scenario", "scenarios/bench-e2e-load.yaml",
                        "--devices", "2", "--out", dir.resolve("out.yaml").toString()),
                "device-simulator fleet: --registry " + registry + ": enterprise 'binhai-cold-chain' has no device "
                        + "'machine-room-1' (the scenario's)");
    }

    @Test
    void fleetNamesANonPositiveDeviceCount() {
        assertBadInput(execute("fleet", "--registry", "../deploy/config/registry.yaml", "--scenario",
                        "scenarios/bench-e2e-load.yaml", "--devices", "0", "--out", dir.resolve("o.yaml").toString()),
                "device-simulator fleet: --devices: must be > 0, was 0");
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

    @Test
    void latencyNamesAMalformedSensorKeyInACommaSeparatedList() {
        assertBadInput(execute("latency", "--scenario", scenarioFile.toString(), "--sensor", "ent-a/tank-1/lel-1,lel-2",
                "--high", "60", "--low", "3", "--count", "2"),
                "device-simulator latency: --sensor: 'lel-2' is not ENTERPRISE/DEVICE/SENSOR");
    }

    @Test
    void latencyRefusesASensorNamedTwice() {
        assertBadInput(execute("latency", "--scenario", scenarioFile.toString(), "--sensor",
                "ent-a/tank-1/lel-1,ent-a/tank-2/lel-2", "--sensor", "ent-a/tank-1/lel-1", "--high", "60", "--low", "3"),
                "device-simulator latency: --sensor: 'ent-a/tank-1/lel-1' is named twice");
    }

    @Test
    void latencyRefusesOneSensorAtTheDefaultPaceBecauseItWouldTripTheFlappingGuard() {
        assertBadInput(execute("latency", "--scenario", scenarioFile.toString(), "--sensor", "ent-a/tank-1/lel-1",
                "--high", "60", "--low", "3"),
                "device-simulator latency: --sensor: 1 sensor and a probe every 200 ms would trip the flapping guard"
                        + " (4 changes in 600 s; a probe is a raise and a clear): up to 50 probes of one sensor in a"
                        + " window. Name at least 50 sensors, or lower --count or --warmup, raise --every-ms, or set"
                        + " --flap-changes/--flap-window to the registry's detection settings of these sensors");
    }

    @Test
    void latencyRefusesTwoSensorsThatWouldEachBeProbedTwiceInAOneSecondWindow() {
        assertBadInput(execute("latency", "--scenario", scenarioFile.toString(), "--sensor",
                "ent-a/tank-1/lel-1,ent-a/tank-2/lel-2", "--high", "60", "--low", "3", "--every-ms", "250",
                "--flap-window", "1"),
                "device-simulator latency: --sensor: 2 sensors and a probe every 250 ms would trip the flapping guard"
                        + " (4 changes in 1 s; a probe is a raise and a clear): up to 3 probes of one sensor in a"
                        + " window. Name at least 5 sensors, or lower --count or --warmup, raise --every-ms, or set"
                        + " --flap-changes/--flap-window to the registry's detection settings of these sensors");
    }

    @Test
    void latencyCountsWarmUpProbesWhenCheckingThePaceAgainstTheFlappingGuard() {
        // one measured probe of one sensor is a raise and a clear: under a guard of 4; the warm-up probe makes it 4
        assertThat(execute("latency", "--scenario", scenarioFile.toString(), "--sensor", "ent-a/tank-1/lel-1",
                "--high", "60", "--low", "3", "--count", "1", "--every-ms", "250", "--flap-window", "1",
                "--warmup", "1")).isEqualTo(2);
        assertThat(err.toString()).startsWith("device-simulator latency: --sensor: 1 sensor and a probe every 250 ms"
                + " would trip the flapping guard (4 changes in 1 s; a probe is a raise and a clear): up to 2 probes of"
                + " one sensor in a window.");
    }

    @Test
    void latencyNamesANegativeWarmup() {
        assertBadInput(execute("latency", "--scenario", scenarioFile.toString(), "--sensor", "ent-a/tank-1/lel-1",
                "--high", "60", "--low", "3", "--warmup", "-1"),
                "device-simulator latency: --warmup: must be >= 0, was -1");
    }

    @Test
    void latencyNamesANegativeFlapChanges() {
        assertBadInput(execute("latency", "--scenario", scenarioFile.toString(), "--sensor", "ent-a/tank-1/lel-1",
                "--high", "60", "--low", "3", "--flap-changes", "-1"),
                "device-simulator latency: --flap-changes: must be >= 0 (0 = no guard), was -1");
    }

    @Test
    void latencyRefusesAFlappingGuardThatEveryProbeTrips() {
        assertBadInput(execute("latency", "--scenario", scenarioFile.toString(), "--sensor", "ent-a/tank-1/lel-1",
                "--high", "60", "--low", "3", "--flap-changes", "2"),
                "device-simulator latency: --flap-changes: a guard of 2 changes trips on every probe (a raise and a"
                        + " clear): its alarms cannot be timed");
    }

    @Test
    void latencyPrintsHowOftenEachSensorIsProbedBeforeConnecting() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        int exit = execute("latency", "--scenario", scenarioFile.toString(), "--broker", "tcp://127.0.0.1:" + closedPort,
                "--sensor", "ent-a/tank-1/lel-1,ent-a/tank-2/lel-2", "--sensor", "ent-b/room-1/nh3-1",
                "--high", "60", "--low", "3", "--count", "3");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("rotation: 3 sensors in turn: each probed up to 1 time, at most every"
                + " 0.6 s (3 × 0.2 s); flapping guard 4 changes in 600 s: up to 1 probe (2 changes) of one sensor in a"
                + " window" + System.lineSeparator());
        assertThat(err.toString()).startsWith("latency: ");
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
