package io.hazardwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.logins.RegistryLogins;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.SensorSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo scenario is what the system's demo run publishes: it must fit the demo registry exactly. */
class DemoScenarioTest {

    private static final Path SCENARIO = Path.of("../deploy/config/demo-scenario.yaml");
    private static final Path REGISTRY = Path.of("../deploy/config/registry.yaml");
    private static final SensorKey LEAK = new SensorKey("hengda-chemicals", "tank-farm-a", "lel-01");
    private static final SensorKey AMMONIA = new SensorKey("binhai-cold-chain", "machine-room-1", "nh3-01");

    private final Scenario scenario = Scenario.load(SCENARIO);
    private final Registry registry = Registry.load(REGISTRY);
    private final Map<SensorKey, SensorSpec> specs = registry.sensors().stream()
            .collect(Collectors.toMap(SensorSpec::key, Function.identity()));

    @Test
    void publishesToTheLocalBroker() {
        assertThat(scenario.broker()).isEqualTo("tcp://127.0.0.1:1883");
    }

    @Test
    void simulatesExactlyTheRegisteredSensors() {
        assertThat(scenario.sensors()).extracting(Scenario.KeyedSensor::key)
                .containsExactlyInAnyOrderElementsOf(specs.keySet());
    }

    @Test
    void everySensorUsesTheUnitOfItsRegisteredType() {
        assertThat(scenario.sensors()).allSatisfy(s ->
                assertThat(s.sensor().unit()).as(s.key().toString()).isEqualTo(specs.get(s.key()).unit()));
    }

    @Test
    void everyEnterpriseLogsInWithItsOwnRegistryCredentials() {
        assertThat(scenario.enterprises()).allSatisfy(e ->
                assertThat(RegistryLogins.login(registry, e.username(), e.password()).map(Principal::enterprise))
                        .as(e.id()).hasValue(e.id()));
    }

    @Test
    void everyBaselineStaysClearOfItsSetPointsIncludingTheDeadband() {
        assertThat(scenario.sensors()).allSatisfy(s -> {
            Behaviour b = s.sensor().behaviour();
            double spread = SignalGenerator.NOISE_LIMIT_SD * b.sd();
            for (double v : new double[] {b.expected(0) - spread, b.expected(0) + spread}) {
                assertThat(specs.get(s.key()).thresholds().holdLevelOf(v)).as(s.key() + " at " + v)
                        .isEqualTo(AlarmLevel.NONE);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 1, 7, 2026})
    void theLeakReachesTheSecondLevelWithin40SecondsAndHoldsItForFiveMinutes(long seed) {
        List<AlarmLevel> levels = levels(LEAK, seed, 450);

        int second = levels.indexOf(AlarmLevel.SECOND);
        assertThat(levels.subList(0, 25)).containsOnly(AlarmLevel.NONE);
        assertThat(levels.indexOf(AlarmLevel.FIRST)).isBetween(25, 28);
        assertThat(second).isBetween(37, 40);
        assertThat(levels.subList(second, second + 300)).containsOnly(AlarmLevel.SECOND);
        assertThat(levels.subList(380, 450)).containsOnly(AlarmLevel.NONE);
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 1, 7, 2026})
    void theAmmoniaRiseReachesOnlyTheFirstLevel(long seed) {
        List<AlarmLevel> levels = levels(AMMONIA, seed, 300);

        assertThat(levels.subList(0, 40)).containsOnly(AlarmLevel.NONE);
        assertThat(levels).contains(AlarmLevel.FIRST).doesNotContain(AlarmLevel.SECOND);
    }

    @Test
    void noOtherSensorEverAlarms() {
        assertThat(scenario.sensors()).filteredOn(s -> !s.key().equals(LEAK) && !s.key().equals(AMMONIA))
                .allSatisfy(s -> assertThat(levels(s.key(), 42, 300)).as(s.key().toString())
                        .containsOnly(AlarmLevel.NONE));
    }

    /** The alarm level of each one-second tick's value, ignoring the stream job's timing rules. */
    private List<AlarmLevel> levels(SensorKey key, long seed, int seconds) {
        Behaviour behaviour = scenario.sensors().stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow().sensor().behaviour();
        SignalGenerator generator = new SignalGenerator(scenario, seed);
        List<AlarmLevel> levels = new ArrayList<>();
        IntStream.range(0, seconds).forEach(t -> levels.add(specs.get(key).thresholds()
                .levelOf(generator.value(key, behaviour, Duration.ofSeconds(t)))));
        return levels;
    }
}
