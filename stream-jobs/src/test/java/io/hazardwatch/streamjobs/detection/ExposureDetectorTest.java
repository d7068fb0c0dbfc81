package io.hazardwatch.streamjobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.SensorSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureDetectorTest {

    /** CO: TWA 20, STEL 30 mg/m3 by default; readings every 10 s. */
    private final SensorSpec co = Sensors.spec(SensorType.CARBON_MONOXIDE, null);
    private final ExposureDetector detector = new ExposureDetector(SensorRule.of(co));

    private List<AlarmEvent> feed(double[][] segments) {
        List<AlarmEvent> events = new ArrayList<>();
        ExposureState state = detector.initialState();
        double t = 0;
        for (double[] segment : segments) {
            for (double end = t + segment[0]; t < end; t += 10) {
                Alarms out = new Alarms(Sensors.T0);
                state = detector.onReading(state, Sensors.reading(co, segment[1], t), out);
                events.addAll(out.events());
            }
        }
        return events;
    }

    @Test
    void fifteenMinutesAverageOverTheStelRaisesStelButABriefPeakDoesNot() {
        // 5 minutes at 80 mg/m3 average out at 80*5/15 = 26.7 over 15 min: under 30. Eight minutes do not.
        List<AlarmEvent> brief = feed(new double[][] {{300, 80}, {1200, 2}});
        List<AlarmEvent> longer = feed(new double[][] {{480, 80}, {1800, 2}});

        assertThat(brief).filteredOn(e -> e.alarmType().equals(AlarmEvent.STEL)).isEmpty();
        assertThat(longer).filteredOn(e -> e.alarmType().equals(AlarmEvent.STEL))
                .extracting(AlarmEvent::transition, AlarmEvent::level)
                .containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.SECOND), tuple(AlarmTransition.CLEARED, AlarmLevel.NONE));
        AlarmEvent raised = longer.stream().filter(e -> e.alarmType().equals(AlarmEvent.STEL)).findFirst().orElseThrow();
        assertThat(raised.windowValue()).isCloseTo(30.0, within(0.6));
        assertThat(raised.windowSeconds()).isEqualTo(900L);
        assertThat(raised.threshold()).isEqualTo(30.0);
        // 80 mg/m3 for 30/80 of 15 minutes = 5.6 minutes in; minute-resolution windows allow about a minute
        assertThat(raised.eventTime()).isBetween(Sensors.T0.plusSeconds(300), Sensors.T0.plusSeconds(420));
    }

    @Test
    void eightHourAverageOverTheTwaRaisesTwa() {
        // 25 mg/m3 for 8 h: over the TWA of 20 after 20/25 of 8 h = 6.4 h; never over the STEL
        List<AlarmEvent> events = feed(new double[][] {{8 * 3600, 25}});

        assertThat(events).extracting(AlarmEvent::alarmType, AlarmEvent::transition)
                .containsExactly(tuple(AlarmEvent.TWA, AlarmTransition.RAISED));
        AlarmEvent twa = events.get(0);
        assertThat(twa.level()).isEqualTo(AlarmLevel.FIRST);
        assertThat(twa.windowSeconds()).isEqualTo(8 * 3600L);
        assertThat(twa.eventTime()).isBetween(Sensors.T0.plusSeconds(23_000), Sensors.T0.plusSeconds(23_160));
    }

    @Test
    void anyReadingOverTheCeilingRaisesMacAtOnce() {
        SensorSpec h2s = Sensors.spec(SensorType.HYDROGEN_SULFIDE, null); // MAC 10 mg/m3
        List<AlarmEvent> events = Sensors.run(new ExposureDetector(SensorRule.of(h2s)), h2s,
                List.of(1.0, 9.9, 10.5, 9.5, 8.9, 12.0));

        assertThat(events).extracting(AlarmEvent::alarmType, AlarmEvent::transition, AlarmEvent::value)
                .containsExactly(
                        tuple(AlarmEvent.MAC, AlarmTransition.RAISED, 10.5),
                        tuple(AlarmEvent.MAC, AlarmTransition.CLEARED, 8.9),
                        tuple(AlarmEvent.MAC, AlarmTransition.RAISED, 12.0));
    }

    @Test
    void typesWithoutExposureLimitsHaveNoExposureDetector() {
        assertThat(ExposureDetector.applies(SensorRule.of(Sensors.gas()))).isFalse();
        assertThat(ExposureDetector.applies(SensorRule.of(co))).isTrue();
    }
}
