package io.hazardwatch.streamjobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.SensorSpec;
import org.junit.jupiter.api.Test;

class OfflineDetectorTest {

    private final SensorSpec gas = Sensors.spec(SensorType.COMBUSTIBLE_GAS, Sensors.detection(null, null, 30));
    private final OfflineDetector detector = new OfflineDetector(SensorRule.of(gas));

    @Test
    void silenceRaisesOfflineAtTheLastReadingPlusTheIntervalAndTheNextReadingClearsIt() {
        Alarms out = new Alarms(Sensors.T0);
        OnOffState state = detector.initialState();
        assertThat(detector.nextTimer(state)).as("no reading yet: nothing to miss").isEqualTo(Detector.NO_TIMER);
        state = detector.onReading(state, Sensors.reading(gas, 3, 0), out);
        state = detector.onReading(state, Sensors.reading(gas, 3.2, 10), out);
        assertThat(detector.nextTimer(state)).isEqualTo(Sensors.T0.plusSeconds(40).toEpochMilli());

        state = detector.onTimer(state, Sensors.T0.plusSeconds(39).toEpochMilli(), out);
        assertThat(out.events()).isEmpty();
        state = detector.onTimer(state, Sensors.T0.plusSeconds(41).toEpochMilli(), out);
        state = detector.onReading(state, Sensors.reading(gas, 3.1, 95), out);

        assertThat(out.events()).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::episodeStart,
                        AlarmEvent::eventTime)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple(AlarmTransition.RAISED, AlarmLevel.FIRST,
                                Sensors.T0.plusSeconds(40), Sensors.T0.plusSeconds(40)),
                        org.assertj.core.api.Assertions.tuple(AlarmTransition.CLEARED, AlarmLevel.NONE,
                                Sensors.T0.plusSeconds(40), Sensors.T0.plusSeconds(95)));
        assertThat(out.events().get(0).alarmKey()).isEqualTo("ent-a/tank-1/lel-1/OFFLINE");
        assertThat(out.events().get(0).windowSeconds()).isEqualTo(30L);
        assertThat(out.events().get(0).value()).as("the last value seen").isEqualTo(3.2);
    }

    @Test
    void aSecondTimerWhileOfflineRaisesNothingMore() {
        Alarms out = new Alarms(Sensors.T0);
        OnOffState state = detector.onReading(detector.initialState(), Sensors.reading(gas, 3, 0), out);
        state = detector.onTimer(state, Sensors.T0.plusSeconds(30).toEpochMilli(), out);
        state = detector.onTimer(state, Sensors.T0.plusSeconds(90).toEpochMilli(), out);

        assertThat(out.events()).hasSize(1);
        assertThat(detector.nextTimer(state)).isEqualTo(Detector.NO_TIMER);
    }
}
