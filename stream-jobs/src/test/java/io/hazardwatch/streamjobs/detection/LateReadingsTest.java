package io.hazardwatch.streamjobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.registry.SensorSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Readings older than the sensor's newest (issue 15, finding 4, job side): a device clock ahead must not mute the
 * sensor. Such a reading at or beyond a level the sensor is not alarmed at raises it at once; below, it changes
 * nothing (it cannot clear a live alarm).
 */
class LateReadingsTest {

    private static final SensorSpec GAS = Sensors.gas();

    @Test
    void afterAReadingStampedMinutesAheadTheNextLeakReadingsRaiseTheSecondLevelAtOnce() {
        List<Reading> readings = new ArrayList<>();
        readings.add(Sensors.reading(GAS, 3, 280)); // the device's clock 280 s ahead
        for (int s = 1; s <= 15; s++) {
            readings.add(Sensors.reading(GAS, 60, s)); // then correct stamps: all older than the first
        }

        List<AlarmEvent> events = threshold(Sensors.runAll(SensorDetectors.of(GAS), readings));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::value,
                        AlarmEvent::episodeStart)
                .containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.SECOND, 60.0, Sensors.T0.plusSeconds(1)));
    }

    @Test
    void aLateReadingAboveTheLevelShownEscalatesTheOpenEpisode() {
        List<AlarmEvent> events = threshold(Sensors.runAll(SensorDetectors.of(GAS), List.of(
                Sensors.reading(GAS, 30, 10), Sensors.reading(GAS, 55, 9))));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::episodeStart)
                .containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.FIRST, Sensors.T0.plusSeconds(10)),
                        tuple(AlarmTransition.ESCALATED, AlarmLevel.SECOND, Sensors.T0.plusSeconds(10)));
    }

    @Test
    void aLateReadingBelowTheSetPointsNeitherClearsNorRaises() {
        List<AlarmEvent> events = threshold(Sensors.runAll(SensorDetectors.of(GAS), List.of(
                Sensors.reading(GAS, 30, 10), Sensors.reading(GAS, 2, 9), Sensors.reading(GAS, 27, 8))));

        assertThat(events).extracting(AlarmEvent::transition).containsExactly(AlarmTransition.RAISED);
    }

    @Test
    void inOrderReadingsAfterALateRaiseClearTheEpisodeAsUsual() {
        List<AlarmEvent> events = threshold(Sensors.runAll(SensorDetectors.of(GAS), List.of(
                Sensors.reading(GAS, 5, 10), Sensors.reading(GAS, 40, 9), Sensors.reading(GAS, 10, 11))));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::episodeStart)
                .containsExactly(tuple(AlarmTransition.RAISED, Sensors.T0.plusSeconds(9)),
                        tuple(AlarmTransition.CLEARED, Sensors.T0.plusSeconds(9)));
    }

    private static List<AlarmEvent> threshold(List<AlarmEvent> events) {
        return events.stream().filter(e -> e.alarmType().equals(AlarmEvent.THRESHOLD)).toList();
    }
}
