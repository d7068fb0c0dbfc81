package io.hazardwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.simulator.TestScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoadTest {

    @TempDir
    Path dir;

    @Test
    void loadsEnterprisesDevicesSensorsAndBehaviours() {
        Scenario scenario = TestScenarios.load(dir, "tcp://127.0.0.1:1883");

        assertThat(scenario.broker()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(scenario.enterprises()).extracting(Scenario.Enterprise::id).containsExactly("ent-a", "ent-b");
        Scenario.Enterprise a = scenario.enterprises().get(0);
        assertThat(a.username()).isEqualTo("ent-a-gw");
        assertThat(a.password()).isEqualTo("s3cret");
        assertThat(a.devices()).extracting(Scenario.Device::id).containsExactly("tank-1", "tank-2");
        Scenario.Sensor lel = a.devices().get(0).sensors().get(0);
        assertThat(lel.unit()).isEqualTo("%LEL");
        assertThat(lel.behaviour()).isEqualTo(new Behaviour.Leak(3, 0.3, 15, 65, 30, 60, 30));
        assertThat(a.devices().get(1).sensors().get(0).behaviour()).isEqualTo(new Behaviour.Baseline(2, 0.3));
        assertThat(scenario.deviceCount()).isEqualTo(3);
        assertThat(scenario.sensors()).extracting(s -> s.key().toString())
                .containsExactly("ent-a/tank-1/lel-1", "ent-a/tank-1/temp-1", "ent-a/tank-2/lel-2", "ent-b/room-1/nh3-1");
    }

    @Test
    void keepsThePasswordOutOfToString() {
        assertThat(TestScenarios.load(dir, "tcp://127.0.0.1:1883").toString()).doesNotContain("s3cret");
    }

    @Test
    void namesTheBehaviourFieldWhenTheLeakPeakIsNotAboveItsBaseline() {
        String yaml = TestScenarios.yaml("tcp://127.0.0.1:1883")
                .replace("{id: lel-2, unit: \"%LEL\", behaviour: {type: baseline, mean: 2, sd: 0.3}}",
                        "{id: lel-2, unit: \"%LEL\", behaviour: {type: leak, mean: 2, peak: 1, startAfter: 0,"
                                + " rampSeconds: 1, holdSeconds: 1, decaySeconds: 1}}");

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ScenarioException.class)
                .hasMessage("enterprises[0].devices[1].sensors[0].behaviour.peak: must be > baseline mean 2.0, was 1.0");
    }

    @Test
    void namesAMissingRequiredField() {
        String yaml = TestScenarios.yaml("tcp://127.0.0.1:1883").replace("username: ent-b-gw", "");

        assertThatThrownBy(() -> load(yaml)).hasMessage("enterprises[1].username: required");
    }

    @Test
    void namesAMisspeltField() {
        String yaml = TestScenarios.yaml("tcp://127.0.0.1:1883").replace("startAfter:", "startafter:");

        assertThatThrownBy(() -> load(yaml))
                .hasMessageStartingWith("enterprises[0].devices[0].sensors[0].behaviour.startafter: unknown field")
                .hasMessageContaining("startAfter");
    }

    @Test
    void namesAValueThatIsNotANumber() {
        String yaml = TestScenarios.yaml("tcp://127.0.0.1:1883").replace("peak: 65", "peak: lots");

        assertThatThrownBy(() -> load(yaml))
                .hasMessage("enterprises[0].devices[0].sensors[0].behaviour.peak: invalid value 'lots'");
    }

    @Test
    void rejectsAnUnknownBehaviourType() {
        String yaml = TestScenarios.yaml("tcp://127.0.0.1:1883").replace("type: baseline, mean: 4", "type: wobble, mean: 4");

        assertThatThrownBy(() -> load(yaml))
                .hasMessage("enterprises[1].devices[0].sensors[0].behaviour.type: 'wobble' is not one of baseline, leak, spike, drift, stuck, storm");
    }

    @Test
    void rejectsLeakTimingOnABaselineSensor() {
        String yaml = TestScenarios.yaml("tcp://127.0.0.1:1883")
                .replace("type: baseline, mean: 4, sd: 0.4", "type: baseline, mean: 4, sd: 0.4, peak: 30");

        assertThatThrownBy(() -> load(yaml))
                .hasMessage("enterprises[1].devices[0].sensors[0].behaviour.peak: not a field of type baseline (its fields: mean, sd)");
    }

    @Test
    void rejectsANonPositiveRamp() {
        String yaml = TestScenarios.yaml("tcp://127.0.0.1:1883").replace("rampSeconds: 30", "rampSeconds: 0");

        assertThatThrownBy(() -> load(yaml))
                .hasMessage("enterprises[0].devices[0].sensors[0].behaviour.rampSeconds: must be > 0 seconds, was 0.0");
    }

    @Test
    void rejectsANegativeNoise() {
        String yaml = TestScenarios.yaml("tcp://127.0.0.1:1883").replace("mean: 20, sd: 0.5", "mean: 20, sd: -1");

        assertThatThrownBy(() -> load(yaml))
                .hasMessage("enterprises[0].devices[0].sensors[1].behaviour.sd: must be >= 0, was -1.0");
    }

    @Test
    void rejectsADuplicateSensorIdWithinADevice() {
        String yaml = TestScenarios.yaml("tcp://127.0.0.1:1883").replace("id: temp-1", "id: lel-1");

        assertThatThrownBy(() -> load(yaml)).hasMessage("enterprises[0].devices[0].sensors[1].id: duplicate 'lel-1'");
    }

    @Test
    void rejectsAnIdThatWouldBreakTheTopic() {
        String yaml = TestScenarios.yaml("tcp://127.0.0.1:1883").replace("id: room-1", "id: room/1");

        assertThatThrownBy(() -> load(yaml))
                .hasMessage("enterprises[1].devices[0].id: 'room/1' may not contain '/', '+', '#' or spaces");
    }

    @Test
    void rejectsABrokerThatIsNotAnMqttUrl() {
        assertThatThrownBy(() -> load(TestScenarios.yaml("127.0.0.1:1883")))
                .hasMessageStartingWith("broker: '127.0.0.1:1883' is not a broker URL");
    }

    @Test
    void rejectsAnEnterpriseWithoutDevices() {
        String yaml = """
                broker: tcp://127.0.0.1:1883
                enterprises:
                  - {id: ent-a, username: u, password: p, devices: []}
                """;

        assertThatThrownBy(() -> load(yaml)).hasMessage("enterprises[0].devices: required, at least one entry");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> load("")).hasMessage("(root): the scenario file is empty");
    }

    @Test
    void rejectsAMissingFile() {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> Scenario.load(missing)).isInstanceOf(ScenarioException.class)
                .hasMessage("scenario file " + missing + " does not exist");
    }

    @Test
    void withBrokerReplacesOnlyTheBroker() {
        Scenario scenario = TestScenarios.load(dir, "tcp://127.0.0.1:1883");

        Scenario moved = scenario.withBroker("tcp://10.0.0.5:1883");

        assertThat(moved.broker()).isEqualTo("tcp://10.0.0.5:1883");
        assertThat(moved.enterprises()).isEqualTo(scenario.enterprises());
        assertThatThrownBy(() -> scenario.withBroker("nonsense")).hasMessageStartingWith("broker: 'nonsense'");
    }

    private Scenario load(String yaml) throws IOException {
        return Scenario.load(Files.writeString(dir.resolve("bad.yaml"), yaml));
    }
}
