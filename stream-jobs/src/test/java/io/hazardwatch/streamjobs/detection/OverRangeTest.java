package io.hazardwatch.streamjobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.RegistryFile.DetectionSpec;
import io.hazardwatch.model.registry.SensorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reading beyond the measuring range toward danger is the strongest evidence of a leak the instrument can give:
 * the threshold rule raises the highest level configured on that side at once (issue 15, finding 2).
 */
class OverRangeTest {

    /** Ammonia (25 / 50 ppm) with a 0-1000 ppm detector whose rule waits for 3 readings over 30 s. */
    private static final SensorSpec NH3_SLOW = Sensors.spec(SensorType.AMMONIA, range(30, 3, 0.0, 1000.0));
    /** Oxygen (over 23.5 first, under 19.5 second) with a 5-30 %VOL detector, the same slow rule. */
    private static final SensorSpec O2_SLOW = Sensors.spec(SensorType.OXYGEN, range(30, 3, 5.0, 30.0));

    @Test
    void aboveTheTopOfTheRangeRaisesTheSecondLevelAtOnceDespiteForSecondsAndInRow() {
        List<AlarmEvent> events = Sensors.run(new ThresholdDetector(SensorRule.of(NH3_SLOW)), NH3_SLOW, List.of(1500.0));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::value,
                        AlarmEvent::threshold, AlarmEvent::episodeStart)
                .containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.SECOND, 1500.0, 50.0, Sensors.T0));
    }

    @Test
    void aPendingFirstLevelRunEndsInTheSecondLevelAtTheFirstOverRangeReading() {
        List<AlarmEvent> events = Sensors.run(new ThresholdDetector(SensorRule.of(NH3_SLOW)), NH3_SLOW,
                List.of(30.0, 30.0, 1200.0));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::episodeStart)
                .containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.SECOND, Sensors.T0.plusSeconds(2)));
    }

    @Test
    void anOpenFirstLevelEpisodeEscalatesAtOnce() {
        SensorSpec nh3 = Sensors.spec(SensorType.AMMONIA, range(null, null, 0.0, 1000.0));
        List<AlarmEvent> events = Sensors.run(new ThresholdDetector(SensorRule.of(nh3)), nh3, List.of(30.0, 1001.0));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::threshold)
                .containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.FIRST, 25.0),
                        tuple(AlarmTransition.ESCALATED, AlarmLevel.SECOND, 50.0));
    }

    @Test
    void oxygenBelowTheBottomOfTheRangeIsTowardDangerAndRaisesTheSecondLevelAtOnce() {
        List<AlarmEvent> events = Sensors.run(new ThresholdDetector(SensorRule.of(O2_SLOW)), O2_SLOW, List.of(3.0));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::threshold)
                .containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.SECOND, 19.5));
    }

    @Test
    void oxygenAboveTheTopOfTheRangeRaisesItsOnlyHighLevelAtOnce() {
        List<AlarmEvent> events = Sensors.run(new ThresholdDetector(SensorRule.of(O2_SLOW)), O2_SLOW, List.of(35.0));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::threshold)
                .containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.FIRST, 23.5));
    }

    @Test
    void gasBelowTheBottomOfTheRangeIsTowardSafetyAndRaisesNoThresholdAlarm() {
        SensorSpec nh3 = Sensors.spec(SensorType.AMMONIA, range(null, null, 0.0, 1000.0));
        List<AlarmEvent> events = Sensors.run(new ThresholdDetector(SensorRule.of(nh3)), nh3, List.of(-5.0));

        assertThat(events).isEmpty();
    }

    @Test
    void allDetectorsRaiseTheSecondLevelAndOutOfRangeForTheSameReading() {
        List<AlarmEvent> events = Sensors.runAll(SensorDetectors.of(NH3_SLOW),
                List.of(Sensors.reading(NH3_SLOW, 1500.0, 0)));

        assertThat(events).extracting(AlarmEvent::alarmType, AlarmEvent::transition, AlarmEvent::level)
                .contains(tuple(AlarmEvent.THRESHOLD, AlarmTransition.RAISED, AlarmLevel.SECOND),
                        tuple(AlarmEvent.OUT_OF_RANGE, AlarmTransition.RAISED, AlarmLevel.FIRST));
    }

    @Test
    void aFlappingSensorsOverRangeRaiseIsNotHeldBack() {
        SensorSpec nh3 = Sensors.spec(SensorType.AMMONIA, range(null, null, 0.0, 1000.0));
        // raise, clear, raise, clear: the fourth change marks it flapping and is held back
        List<AlarmEvent> events = Sensors.run(new FlappingGuard(SensorRule.of(nh3)), nh3,
                List.of(30.0, 5.0, 30.0, 5.0, 1500.0));

        assertThat(events).filteredOn(e -> e.alarmType().equals(AlarmEvent.THRESHOLD))
                .extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::eventTime)
                .endsWith(tuple(AlarmTransition.RAISED, AlarmLevel.SECOND, Sensors.T0.plusSeconds(4)));
    }

    private static DetectionSpec range(Integer forSeconds, Integer inRow, Double rangeMin, Double rangeMax) {
        return new DetectionSpec(forSeconds, inRow, null, null, null, null, null, rangeMin, rangeMax, null, null, null,
                null, null, null);
    }
}
