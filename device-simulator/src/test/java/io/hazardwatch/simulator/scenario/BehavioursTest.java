package io.hazardwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.SensorKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BehavioursTest {

    private static final String ALL_BEHAVIOURS = """
            broker: tcp://127.0.0.1:1883
            enterprises:
              - id: ent-a
                username: u
                password: p
                offline: [{from: 100, until: 110}]
                devices:
                  - id: dev-1
                    offline: [{from: 50, until: 60}]
                    sensors:
                      - {id: spike, unit: ppm, behaviour: {type: spike, mean: 4, sd: 0.2, at: 10, peak: 40, seconds: 5}}
                      - {id: drift, unit: degC, behaviour: {type: drift, mean: 20, sd: 0.2, startAfter: 0, perHour: 36}}
                      - {id: stuck, unit: ppm, behaviour: {type: stuck, mean: 4, sd: 0.5, at: 30}}
                      - {id: storm, unit: "%LEL", behaviour: {type: storm, mean: 3, sd: 0.2, startAfter: 20, peak: 60,
                                                             periodSeconds: 10, durationSeconds: 40}}
                  - id: dev-2
                    sensors:
                      - {id: base, unit: ppm, behaviour: {type: baseline, mean: 4, sd: 0.4}}
            """;

    @TempDir
    Path dir;

    @Test
    void aSpikeJumpsToItsPeakForItsSecondsOnly() {
        Behaviour spike = new Behaviour.Spike(4, 0, 10, 40, 5);

        assertThat(IntStream.range(0, 20).mapToDouble(spike::expected).toArray())
                .containsExactly(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 40, 40, 40, 40, 40, 4, 4, 4, 4, 4);
    }

    @Test
    void aDriftRisesByItsRatePerHour() {
        Behaviour drift = new Behaviour.Drift(20, 0, 600, 6);

        assertThat(drift.expected(0)).isEqualTo(20);
        assertThat(drift.expected(600 + 1800)).isEqualTo(23);
        assertThat(drift.expected(600 + 3600)).isEqualTo(26);
    }

    @Test
    void aStuckSensorRepeatsTheExactValueItMeasuredWhenItStuck() throws IOException {
        Scenario scenario = load(ALL_BEHAVIOURS);
        SignalGenerator signals = new SignalGenerator(scenario, 3);
        SensorKey key = new SensorKey("ent-a", "dev-1", "stuck");
        Behaviour stuck = scenario.sensors().get(2).sensor().behaviour();

        double atStuck = signals.value(key, stuck, Duration.ofSeconds(30));
        List<Double> later = IntStream.range(31, 90).mapToObj(t -> signals.value(key, stuck, Duration.ofSeconds(t))).toList();
        List<Double> before = IntStream.range(0, 30).mapToObj(t -> signals.value(key, stuck, Duration.ofSeconds(t))).toList();

        assertThat(later).containsOnly(atStuck);
        assertThat(before.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void anAlarmStormAlternatesBetweenPeakAndMeanEveryHalfPeriodForItsDuration() {
        Behaviour storm = new Behaviour.Storm(3, 0, 20, 60, 10, 40);

        assertThat(storm.expected(19)).isEqualTo(3);
        assertThat(storm.expected(20)).isEqualTo(60);
        assertThat(storm.expected(24.9)).isEqualTo(60);
        assertThat(storm.expected(25)).isEqualTo(3);
        assertThat(storm.expected(30)).isEqualTo(60);
        assertThat(storm.expected(60)).isEqualTo(3);
        assertThat(IntStream.range(20, 60).filter(t -> storm.expected(t) == 60).count()).isEqualTo(20);
    }

    @Test
    void anOfflineDeviceIsMissingFromItsTicksAndAnOfflineGatewayTakesAllItsDevices() throws IOException {
        SignalGenerator signals = new SignalGenerator(load(ALL_BEHAVIOURS), 1);

        assertThat(devices(signals, 49)).containsExactly("dev-1", "dev-2");
        assertThat(devices(signals, 55)).containsExactly("dev-2");
        assertThat(devices(signals, 60)).containsExactly("dev-1", "dev-2");
        assertThat(devices(signals, 105)).isEmpty();
        assertThat(signals.offlineGateways(Duration.ofSeconds(105))).containsExactly("ent-a");
        assertThat(signals.offlineGateways(Duration.ofSeconds(110))).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameSeriesForEveryBehaviourAndAnotherSeedDoesNot() throws IOException {
        Scenario scenario = load(ALL_BEHAVIOURS);

        List<List<DeviceSample>> first = series(new SignalGenerator(scenario, 99));
        List<List<DeviceSample>> again = series(new SignalGenerator(scenario, 99));
        List<List<DeviceSample>> other = series(new SignalGenerator(scenario, 100));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void scalingCopiesEnterprisesDevicesAndSensorsKeepingTheOriginalIdsFirst() throws IOException {
        Scenario scaled = ScenarioScaler.scale(load(ALL_BEHAVIOURS), 2, 3, 2);

        assertThat(scaled.enterprises()).extracting(Scenario.Enterprise::id).containsExactly("ent-a", "ent-a-2");
        assertThat(scaled.enterprises().get(1).username()).isEqualTo("u");
        assertThat(scaled.deviceCount()).isEqualTo(2 * 2 * 3);
        assertThat(scaled.sensors()).hasSize(2 * 3 * (4 + 1) * 2);
        assertThat(scaled.enterprises().get(0).devices()).extracting(Scenario.Device::id)
                .containsExactly("dev-1", "dev-1-2", "dev-1-3", "dev-2", "dev-2-2", "dev-2-3");
        assertThat(scaled.enterprises().get(0).devices().get(0).sensors().get(1).id()).isEqualTo("spike-2");
        assertThat(ScenarioScaler.scale(load(ALL_BEHAVIOURS), 1, 1, 1)).isEqualTo(load(ALL_BEHAVIOURS));
    }

    @Test
    void namesAFieldThatBelongsToAnotherBehaviourType() {
        assertThatThrownBy(() -> load(ALL_BEHAVIOURS.replace("at: 30}", "at: 30, peak: 9}")))
                .hasMessage("enterprises[0].devices[0].sensors[2].behaviour.peak: not a field of type stuck (its fields: mean, sd, at)");
    }

    @Test
    void namesAMissingSpikeDuration() {
        assertThatThrownBy(() -> load(ALL_BEHAVIOURS.replace(", seconds: 5", "")))
                .hasMessage("enterprises[0].devices[0].sensors[0].behaviour.seconds: required");
    }

    @Test
    void namesAnOfflineWindowThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> load(ALL_BEHAVIOURS.replace("{from: 50, until: 60}", "{from: 50, until: 40}")))
                .hasMessage("enterprises[0].devices[0].offline[0].until: must be > from 50.0, was 40.0");
    }

    @Test
    void namesANonPositiveStormPeriod() {
        assertThatThrownBy(() -> load(ALL_BEHAVIOURS.replace("periodSeconds: 10", "periodSeconds: 0")))
                .hasMessage("enterprises[0].devices[0].sensors[3].behaviour.periodSeconds: must be > 0 seconds, was 0.0");
    }

    private static List<String> devices(SignalGenerator signals, int second) {
        return signals.sample(Duration.ofSeconds(second)).stream().map(DeviceSample::device).toList();
    }

    private static List<List<DeviceSample>> series(SignalGenerator signals) {
        return IntStream.range(0, 120).mapToObj(t -> signals.sample(Duration.ofSeconds(t))).toList();
    }

    private Scenario load(String yaml) throws IOException {
        return Scenario.load(Files.writeString(dir.resolve("s.yaml"), yaml));
    }
}
