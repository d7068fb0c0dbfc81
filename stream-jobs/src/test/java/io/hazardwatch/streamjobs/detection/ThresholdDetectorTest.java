package io.hazardwatch.streamjobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.SensorSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdDetectorTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final SensorKey GAS_KEY = new SensorKey("ent-a", "tank-1", "lel-1");
    private static final SensorSpec GAS = new SensorSpec(GAS_KEY, "grid-1", SensorType.COMBUSTIBLE_GAS,
            SensorType.COMBUSTIBLE_GAS.defaultThresholds().orElseThrow(), 7);
    private static final SensorSpec OXYGEN = new SensorSpec(new SensorKey("ent-a", "tank-1", "o2-1"), "grid-1",
            SensorType.OXYGEN, SensorType.OXYGEN.defaultThresholds().orElseThrow(), 7);

    private static ThresholdDetector detector(SensorSpec spec) {
        return new ThresholdDetector(SensorRule.of(spec));
    }

    @Test
    void leakRampRaisesFirstLevelThenEscalatesThenClearsBelowTheDeadband() {
        List<Double> ramp = new ArrayList<>();
        for (double v = 5; v <= 60; v += 5) {
            ramp.add(v);
        }
        for (double v = 55; v >= 5; v -= 5) {
            ramp.add(v);
        }

        List<AlarmEvent> events = run(GAS, ramp);

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::value, AlarmEvent::threshold)
                .containsExactly(
                        tuple(AlarmTransition.RAISED, AlarmLevel.FIRST, 25.0, 25.0),
                        tuple(AlarmTransition.ESCALATED, AlarmLevel.SECOND, 50.0, 50.0),
                        // 25 and 22.5 still hold the alarm (deadband 2.5); 20 is the first value below 22.5
                        tuple(AlarmTransition.CLEARED, AlarmLevel.NONE, 20.0, 25.0));
    }

    @Test
    void everyTransitionOfAnEpisodeCarriesTheEpisodeStartAndTheRule() {
        List<AlarmEvent> events = run(GAS, List.of(10.0, 30.0, 55.0, 10.0));

        Instant raisedAt = T0.plusSeconds(1);
        assertThat(events).hasSize(3).allSatisfy(e -> {
            assertThat(e.schema()).isEqualTo(AlarmEvent.SCHEMA);
            assertThat(e.alarmKey()).isEqualTo("ent-a/tank-1/lel-1/THRESHOLD");
            assertThat(e.alarmType()).isEqualTo(AlarmEvent.THRESHOLD);
            assertThat(e.enterprise()).isEqualTo("ent-a");
            assertThat(e.device()).isEqualTo("tank-1");
            assertThat(e.sensor()).isEqualTo("lel-1");
            assertThat(e.sensorType()).isEqualTo(SensorType.COMBUSTIBLE_GAS);
            assertThat(e.unit()).isEqualTo("%LEL");
            assertThat(e.ruleId()).isEqualTo("threshold:ent-a/tank-1/lel-1");
            assertThat(e.ruleVersion()).isEqualTo(7);
            assertThat(e.episodeStart()).isEqualTo(raisedAt);
            assertThat(e.detectedTime()).isEqualTo(e.eventTime().plusMillis(300));
        });
        assertThat(events).extracting(AlarmEvent::eventTime)
                .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));
    }

    @Test
    void noisySignalHoveringAroundTheSetPointRaisesOnceAndNeitherClearsNorRaisesAgain() {
        List<Double> noise = List.of(24.0, 25.2, 24.1, 25.9, 24.0, 26.0, 24.4, 25.1, 24.9, 24.0, 25.5, 24.2);

        List<AlarmEvent> events = run(GAS, noise);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.level()).isEqualTo(AlarmLevel.FIRST);
            assertThat(e.value()).isEqualTo(25.2);
        });
    }

    @Test
    void secondLevelEpisodeDoesNotStepDownToFirstLevelWhileTheValueFalls() {
        List<AlarmEvent> events = run(GAS, List.of(60.0, 40.0, 30.0, 24.0));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.level()).isEqualTo(AlarmLevel.SECOND);
            assertThat(e.threshold()).isEqualTo(50.0);
        });
    }

    @Test
    void jumpStraightToSecondLevelClearsWithTheSetPointItWasRaisedOn() {
        List<AlarmEvent> events = run(GAS, List.of(5.0, 70.0, 5.0));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::threshold).containsExactly(
                tuple(AlarmTransition.RAISED, 50.0),
                tuple(AlarmTransition.CLEARED, 50.0));
    }

    @Test
    void oxygenDeficiencyRaisesOnTheLowSetPointAndClearsOnlyAboveItsDeadband() {
        // O2: second level at or below 19.5 %VOL, deadband 0.5, so it clears above 20.0
        List<AlarmEvent> events = run(OXYGEN, List.of(20.9, 20.1, 18.0, 19.8, 20.0, 20.6, 20.9));

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::value, AlarmEvent::threshold)
                .containsExactly(
                        tuple(AlarmTransition.RAISED, AlarmLevel.SECOND, 18.0, 19.5),
                        tuple(AlarmTransition.CLEARED, AlarmLevel.NONE, 20.6, 19.5));
        assertThat(events.get(0).unit()).isEqualTo("%VOL");
    }

    @Test
    void normalReadingsCauseNoEventAndLeaveTheStateAtNone() {
        ThresholdDetector detector = detector(GAS);
        ThresholdState state = ThresholdState.NONE;
        Alarms out = new Alarms(T0);
        for (double v : List.of(0.0, 3.5, 12.0, 24.9, 10.0)) {
            state = detector.onReading(state, reading(GAS, v, T0), out);
        }
        assertThat(out.events()).isEmpty();
        assertThat(state).isEqualTo(ThresholdState.NONE);
    }

    @Test
    void nonFiniteValueNeitherRaisesNorClearsAnAlarm() {
        ThresholdDetector detector = detector(GAS);
        ThresholdState active = detector.onReading(ThresholdState.NONE, reading(GAS, 30, T0), new Alarms(T0));
        Alarms out = new Alarms(T0);

        ThresholdState afterNan = detector.onReading(active, reading(GAS, Double.NaN, T0.plusSeconds(1)), out);
        ThresholdState fromNone = detector.onReading(ThresholdState.NONE,
                reading(GAS, Double.POSITIVE_INFINITY, T0.plusSeconds(1)), out);

        assertThat(out.events()).isEmpty();
        assertThat(afterNan).isEqualTo(active);
        assertThat(fromNone).isEqualTo(ThresholdState.NONE);
    }

    @Test
    void threeReadingsInARowAreNeededSoASingleSpikeRaisesNothing() {
        SensorSpec spec = Sensors.spec(SensorType.COMBUSTIBLE_GAS, Sensors.detection(null, 3, null));

        List<AlarmEvent> spike = run(spec, List.of(5.0, 40.0, 5.0, 30.0, 31.0, 5.0));
        List<AlarmEvent> sustained = run(spec, List.of(5.0, 30.0, 31.0, 32.0, 33.0));

        assertThat(spike).isEmpty();
        assertThat(sustained).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.value()).isEqualTo(32.0);
            assertThat(e.episodeStart()).as("when the third reading came").isEqualTo(T0.plusSeconds(3));
        });
    }

    @Test
    void raisesOnlyAfterTheSetPointWasCrossedForTenSecondsAlsoByTimerWhenNoReadingComes() {
        SensorSpec spec = Sensors.spec(SensorType.COMBUSTIBLE_GAS, Sensors.detection(10, null, null));
        ThresholdDetector detector = detector(spec);
        Alarms out = new Alarms(T0);
        ThresholdState state = ThresholdState.NONE;
        state = detector.onReading(state, Sensors.reading(spec, 30, 0), out);
        state = detector.onReading(state, Sensors.reading(spec, 31, 4), out);
        assertThat(out.events()).as("crossed for 4 s only").isEmpty();
        assertThat(detector.nextTimer(state)).isEqualTo(T0.plusSeconds(10).toEpochMilli());

        state = detector.onTimer(state, T0.plusSeconds(9).toEpochMilli(), out);
        assertThat(out.events()).as("timer before due").isEmpty();
        state = detector.onTimer(state, T0.plusSeconds(10).toEpochMilli(), out);

        assertThat(out.events()).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.value()).isEqualTo(31.0);
            assertThat(e.episodeStart()).isEqualTo(T0.plusSeconds(10));
        });
        assertThat(state.active()).isTrue();
        assertThat(detector.nextTimer(state)).isEqualTo(Detector.NO_TIMER);
    }

    @Test
    void aDipBelowTheSetPointRestartsTheForNSecondsCount() {
        SensorSpec spec = Sensors.spec(SensorType.COMBUSTIBLE_GAS, Sensors.detection(10, null, null));

        List<AlarmEvent> events = Sensors.run(detector(spec), spec,
                List.of(30.0, 30.0, 30.0, 30.0, 30.0, 30.0, 30.0, 30.0, 10.0, 30.0, 30.0, 30.0, 30.0, 30.0, 30.0,
                        30.0, 30.0, 30.0, 30.0, 30.0));

        assertThat(events).singleElement().satisfies(e ->
                assertThat(e.episodeStart()).as("ten seconds after the run restarted at 9 s").isEqualTo(T0.plusSeconds(19)));
    }

    @Test
    void clearedEpisodeReturnsToNoneSoTheNextRiseOpensANewEpisode() {
        List<AlarmEvent> events = run(GAS, List.of(30.0, 10.0, 30.0));

        assertThat(events).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.RAISED, AlarmTransition.CLEARED, AlarmTransition.RAISED);
        assertThat(events.get(2).episodeStart()).isEqualTo(T0.plusSeconds(2)).isNotEqualTo(events.get(0).episodeStart());
    }

    /** Feeds values one second apart, detected 300 ms after each reading's event time. */
    private static List<AlarmEvent> run(SensorSpec spec, List<Double> values) {
        return Sensors.run(detector(spec), spec, values);
    }

    static Reading reading(SensorSpec spec, double value, Instant at) {
        SensorKey key = spec.key();
        return new Reading(Reading.SCHEMA, key.enterprise(), key.device(), key.sensor(), spec.type(), value,
                spec.unit(), at, at.plusMillis(50));
    }
}
