package io.hazardwatch.streamjobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.RegistryFile.DetectionSpec;
import io.hazardwatch.model.registry.SensorSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultDetectorsTest {

    private static SensorSpec oxygen(Integer stuckSeconds, Double tolerance, Double rangeMin, Double rangeMax) {
        return Sensors.spec(SensorType.OXYGEN, new DetectionSpec(null, null, null, null, null, stuckSeconds, tolerance,
                rangeMin, rangeMax, null, null, null, null, null, null));
    }

    @Test
    void aValueThatDoesNotMoveForTheWindowIsStuckAndTheFirstMoveClearsIt() {
        SensorSpec o2 = oxygen(60, 0.01, null, null);
        List<Double> values = new ArrayList<>(List.of(20.9, 20.85, 20.93));
        values.addAll(Collections.nCopies(70, 20.9));
        values.add(20.7);

        List<AlarmEvent> events = Sensors.run(new StuckDetector(SensorRule.of(o2)), o2, values);

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::eventTime)
                .containsExactly(
                        tuple(AlarmTransition.RAISED, Sensors.T0.plusSeconds(3 + 60)),
                        tuple(AlarmTransition.CLEARED, Sensors.T0.plusSeconds(73)));
        assertThat(events.get(0).alarmKey()).endsWith("/STUCK");
        assertThat(events.get(0).windowValue()).as("the value it is stuck at").isEqualTo(20.9);
    }

    @Test
    void aNoisySignalIsNeverStuck() {
        SensorSpec o2 = oxygen(30, 0.01, null, null);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            values.add(20.9 + (i % 2 == 0 ? 0.02 : -0.02));
        }

        assertThat(Sensors.run(new StuckDetector(SensorRule.of(o2)), o2, values)).isEmpty();
    }

    @Test
    void aGasDetectorReadingZeroInCleanAirIsNotStuck() {
        SensorSpec gas = Sensors.spec(SensorType.COMBUSTIBLE_GAS, new DetectionSpec(null, null, null, null, null, 10,
                null, null, null, null, null, null, null, null, null));

        assertThat(Sensors.run(new StuckDetector(SensorRule.of(gas)), gas, Collections.nCopies(100, 0.0))).isEmpty();
    }

    @Test
    void readingsOutsideTheDetectorsRangeRaiseAFaultUntilOneIsBackInside() {
        SensorSpec o2 = oxygen(null, null, 0.0, 25.0);

        List<AlarmEvent> events = Sensors.run(new RangeDetector(SensorRule.of(o2)), o2,
                List.of(20.9, 30.0, 31.0, 20.8, -1.0, 20.9));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::value, AlarmEvent::threshold)
                .containsExactly(
                        tuple(AlarmTransition.RAISED, 30.0, 25.0),
                        tuple(AlarmTransition.CLEARED, 20.8, null),
                        tuple(AlarmTransition.RAISED, -1.0, 0.0),
                        tuple(AlarmTransition.CLEARED, 20.9, null));
        assertThat(events).allSatisfy(e -> assertThat(e.alarmType()).isEqualTo(AlarmEvent.OUT_OF_RANGE));
    }
}
