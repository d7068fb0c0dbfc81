package io.hazardwatch.streamjobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.RegistryFile.DetectionSpec;
import io.hazardwatch.model.registry.SensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlappingGuardTest {

    /** 25 %LEL ± 6: far wider than the 2.5 deadband, so the bare threshold rule raises and clears over and over. */
    private static List<Double> noisyAroundTheSetPoint(int n) {
        Random random = new Random(42);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(25 + (random.nextDouble() * 12 - 6));
        }
        return values;
    }

    @Test
    void noisySignalAroundTheSetPointRaisesOneFlappingAlarmNotDozens() {
        SensorSpec gas = Sensors.gas();
        List<Double> noise = noisyAroundTheSetPoint(300);

        List<AlarmEvent> bare = Sensors.run(new ThresholdDetector(SensorRule.of(gas)), gas, noise);
        List<AlarmEvent> guarded = Sensors.run(new FlappingGuard(SensorRule.of(gas)), gas, noise);

        assertThat(bare).as("without the guard: a storm").hasSizeGreaterThan(30);
        assertThat(guarded).as("raise, clear, raise, then FLAPPING").hasSizeLessThanOrEqualTo(4);
        assertThat(guarded).filteredOn(e -> e.alarmType().equals(AlarmEvent.FLAPPING))
                .singleElement().satisfies(e -> {
                    assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
                    assertThat(e.alarmKey()).isEqualTo("ent-a/tank-1/lel-1/FLAPPING");
                    assertThat(e.windowValue()).isEqualTo(4.0);
                    assertThat(e.windowSeconds()).isEqualTo(600L);
                });
    }

    @Test
    void flappingClearsAfterAQuietWindowAndTheBoardCatchesUpWithTheAlarmsRealState() {
        SensorSpec gas = Sensors.spec(SensorType.COMBUSTIBLE_GAS, new DetectionSpec(null, null, 4, 60, null, null,
                null, null, null, null, null, null, null, null, null));
        FlappingGuard guard = new FlappingGuard(SensorRule.of(gas));
        List<Double> values = new ArrayList<>(List.of(30.0, 10.0, 30.0, 10.0, 30.0, 10.0));
        for (int i = 0; i < 70; i++) {
            values.add(5.0); // settles below the set point
        }

        List<AlarmEvent> events = Sensors.run(guard, gas, values);

        assertThat(events).extracting(AlarmEvent::alarmType, AlarmEvent::transition)
                .containsExactly(
                        tuple(AlarmEvent.THRESHOLD, AlarmTransition.RAISED),
                        tuple(AlarmEvent.THRESHOLD, AlarmTransition.CLEARED),
                        tuple(AlarmEvent.THRESHOLD, AlarmTransition.RAISED),
                        tuple(AlarmEvent.FLAPPING, AlarmTransition.RAISED),
                        tuple(AlarmEvent.FLAPPING, AlarmTransition.CLEARED),
                        tuple(AlarmEvent.THRESHOLD, AlarmTransition.CLEARED));
        AlarmEvent lastClear = events.get(5);
        assertThat(lastClear.episodeStart()).as("closes the episode the board shows").isEqualTo(events.get(2).episodeStart());
        assertThat(lastClear.eventTime()).as("a quiet minute after the last change at 5 s").isEqualTo(Sensors.T0.plusSeconds(65));
    }

    @Test
    void aRiseToSecondLevelWhileFlappingIsPublishedAtOnce() {
        SensorSpec gas = Sensors.gas();

        List<AlarmEvent> events = Sensors.run(new FlappingGuard(SensorRule.of(gas)), gas,
                List.of(30.0, 10.0, 30.0, 10.0, 30.0, 60.0));

        assertThat(events).last().satisfies(e -> {
            assertThat(e.alarmType()).isEqualTo(AlarmEvent.THRESHOLD);
            assertThat(e.level()).isEqualTo(AlarmLevel.SECOND);
            assertThat(e.value()).isEqualTo(60.0);
        });
    }
}
