package io.hazardwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hazardwatch.model.SensorKey;
import io.hazardwatch.simulator.TestScenarios;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalGeneratorTest {

    private static final SensorKey LEL_1 = new SensorKey("ent-a", "tank-1", "lel-1");
    private static final Behaviour BASELINE = new Behaviour.Baseline(20, 0.5);

    @TempDir
    Path dir;
    private Scenario scenario;

    @BeforeEach
    void loadScenario() {
        scenario = TestScenarios.load(dir, "tcp://127.0.0.1:1883");
    }

    @Test
    void sameSeedReplaysTheSameSeries() {
        assertThat(series(new SignalGenerator(scenario, 7))).isEqualTo(series(new SignalGenerator(scenario, 7)));
    }

    @Test
    void differentSeedsGiveDifferentNoise() {
        List<List<DeviceSample>> seven = series(new SignalGenerator(scenario, 7));
        List<List<DeviceSample>> eight = series(new SignalGenerator(scenario, 8));

        assertThat(seven).isNotEqualTo(eight);
        long differing = IntStream.range(0, 60)
                .filter(t -> gen(7).value(LEL_1, BASELINE, sec(t)) != gen(8).value(LEL_1, BASELINE, sec(t)))
                .count();
        assertThat(differing).isGreaterThan(50);
    }

    @Test
    void aValueDependsOnlyOnSensorSeedAndTimeNotOnWhatWasAskedBefore() {
        SignalGenerator fresh = gen(7);
        double direct = fresh.value(LEL_1, BASELINE, sec(42));

        SignalGenerator used = gen(7);
        series(used);
        assertThat(used.value(LEL_1, BASELINE, sec(42))).isEqualTo(direct);
    }

    @Test
    void sensorsWithTheSameBehaviourGetIndependentNoise() {
        SensorKey other = new SensorKey("ent-a", "tank-2", "lel-1");

        long differing = IntStream.range(0, 60)
                .filter(t -> gen(7).value(LEL_1, BASELINE, sec(t)) != gen(7).value(other, BASELINE, sec(t)))
                .count();
        assertThat(differing).isGreaterThan(50);
    }

    @Test
    void noiseHasTheConfiguredSpreadAndNeverExceedsThreeSd() {
        double[] values = IntStream.range(0, 5000).mapToDouble(t -> gen(1).value(LEL_1, BASELINE, sec(t))).toArray();

        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
        assertThat(mean).isCloseTo(20, within(0.05));
        assertThat(sd).isCloseTo(0.5, within(0.05));
        assertThat(java.util.Arrays.stream(values).min().orElseThrow()).isGreaterThanOrEqualTo(18.5);
        assertThat(java.util.Arrays.stream(values).max().orElseThrow()).isLessThanOrEqualTo(21.5);
    }

    @Test
    void withoutNoiseTheValueIsTheBehaviourRoundedToHundredths() {
        Behaviour leak = new Behaviour.Leak(3, 0, 15, 65, 30, 60, 30);

        assertThat(gen(1).value(LEL_1, leak, sec(30))).isEqualTo(34.0);
        assertThat(gen(1).value(LEL_1, leak, Duration.ofMillis(26_000))).isEqualTo(25.73);
    }

    @Test
    void samplesEveryDeviceOnceWithItsSensorsAndUnitsInScenarioOrder() {
        List<DeviceSample> tick = gen(1).sample(sec(0));

        assertThat(tick).extracting(s -> s.enterprise() + "/" + s.device())
                .containsExactly("ent-a/tank-1", "ent-a/tank-2", "ent-b/room-1");
        assertThat(tick.get(0).values()).extracting(DeviceSample.Value::sensor, DeviceSample.Value::unit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lel-1", "%LEL"),
                        org.assertj.core.groups.Tuple.tuple("temp-1", "degC"));
    }

    @Test
    void theScenarioLeakShowsInTheSampledSeries() {
        SignalGenerator generator = gen(3);

        assertThat(lel1(generator, 10)).isCloseTo(3, within(0.9));
        assertThat(lel1(generator, 60)).isCloseTo(65, within(0.9));
        assertThat(lel1(generator, 200)).isCloseTo(3, within(0.9));
    }

    private double lel1(SignalGenerator generator, int second) {
        return generator.sample(sec(second)).get(0).values().get(0).value();
    }

    private SignalGenerator gen(long seed) {
        return new SignalGenerator(scenario, seed);
    }

    private static List<List<DeviceSample>> series(SignalGenerator generator) {
        return IntStream.range(0, 60).mapToObj(t -> generator.sample(sec(t))).toList();
    }

    private static Duration sec(int seconds) {
        return Duration.ofSeconds(seconds);
    }
}
