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

    private final ThresholdDetector detector = new ThresholdDetector();

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
        ThresholdState state = ThresholdState.NONE;
        for (double v : List.of(0.0, 3.5, 12.0, 24.9, 10.0)) {
            Detection d = detector.evaluate(GAS, state, reading(GAS, v, T0), T0);
            assertThat(d.event()).isEmpty();
            state = d.state();
        }
        assertThat(state).isEqualTo(ThresholdState.NONE);
    }

    @Test
    void nonFiniteValueNeitherRaisesNorClearsAnAlarm() {
        ThresholdState active = detector.evaluate(GAS, ThresholdState.NONE, reading(GAS, 30, T0), T0).state();

        Detection nan = detector.evaluate(GAS, active, reading(GAS, Double.NaN, T0.plusSeconds(1)), T0);
        Detection fromNone = detector.evaluate(GAS, ThresholdState.NONE,
                reading(GAS, Double.POSITIVE_INFINITY, T0.plusSeconds(1)), T0);

        assertThat(nan.event()).isEmpty();
        assertThat(nan.state()).isEqualTo(active);
        assertThat(fromNone.event()).isEmpty();
        assertThat(fromNone.state()).isEqualTo(ThresholdState.NONE);
    }

    @Test
    void clearedEpisodeReturnsToNoneSoTheNextRiseOpensANewEpisode() {
        List<AlarmEvent> events = run(GAS, List.of(30.0, 10.0, 30.0));

        assertThat(events).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.RAISED, AlarmTransition.CLEARED, AlarmTransition.RAISED);
        assertThat(events.get(2).episodeStart()).isEqualTo(T0.plusSeconds(2)).isNotEqualTo(events.get(0).episodeStart());
    }

    /** Feeds values one second apart, detected 300 ms after each reading's event time. */
    private List<AlarmEvent> run(SensorSpec spec, List<Double> values) {
        List<AlarmEvent> events = new ArrayList<>();
        ThresholdState state = ThresholdState.NONE;
        for (int i = 0; i < values.size(); i++) {
            Instant at = T0.plusSeconds(i);
            Detection d = detector.evaluate(spec, state, reading(spec, values.get(i), at), at.plusMillis(300));
            d.event().ifPresent(events::add);
            state = d.state();
        }
        return events;
    }

    static Reading reading(SensorSpec spec, double value, Instant at) {
        SensorKey key = spec.key();
        return new Reading(Reading.SCHEMA, key.enterprise(), key.device(), key.sensor(), spec.type(), value,
                spec.unit(), at, at.plusMillis(50));
    }
}
