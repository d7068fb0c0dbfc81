package io.hazardwatch.streamjobs.job;

import static io.hazardwatch.streamjobs.testing.DetectionHarness.numKeyedStateEntries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.Thresholds;
import io.hazardwatch.model.registry.RegistryFile.DetectionSpec;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.detection.SensorState;
import io.hazardwatch.streamjobs.testing.DetectionHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DetectionFunctionTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final SensorKey GAS = new SensorKey("ent-a", "tank-1", "lel-1");
    private static final SensorKey NH3 = new SensorKey("ent-b", "room-1", "nh3-1");
    /** Offline after 30 s for both; otherwise the types' defaults. */
    private static final DetectionSpec OFFLINE_30S = new DetectionSpec(null, null, null, null, 30, null, null, null,
            null, null, null, null, null, null, null);
    private static final Map<String, SensorSpec> SENSORS = Map.of(
            GAS.toString(), spec(GAS, SensorType.COMBUSTIBLE_GAS, 1),
            NH3.toString(), spec(NH3, SensorType.AMMONIA, 1));

    private KeyedBroadcastOperatorTestHarness<String, Reading, SensorSpec, AlarmEvent> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness(null);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void emitsTheEpisodeOfALeak() throws Exception {
        harness.setProcessingTime(T0.plusSeconds(100).toEpochMilli());

        feed(GAS, 10, 0);
        feed(GAS, 30, 1);
        feed(GAS, 55, 2);
        feed(GAS, 20, 3);

        assertThat(threshold(harness.extractOutputValues()))
                .extracting(AlarmEvent::alarmKey, AlarmEvent::transition, AlarmEvent::level, AlarmEvent::episodeStart)
                .containsExactly(
                        tuple("ent-a/tank-1/lel-1/THRESHOLD", AlarmTransition.RAISED, AlarmLevel.FIRST, T0.plusSeconds(1)),
                        tuple("ent-a/tank-1/lel-1/THRESHOLD", AlarmTransition.ESCALATED, AlarmLevel.SECOND, T0.plusSeconds(1)),
                        tuple("ent-a/tank-1/lel-1/THRESHOLD", AlarmTransition.CLEARED, AlarmLevel.NONE, T0.plusSeconds(1)));
        assertThat(harness.extractOutputValues()).allSatisfy(e -> {
            assertThat(e.detectedTime()).isEqualTo(T0.plusSeconds(100));
            assertThat(e.ruleVersion()).isEqualTo(1);
        });
        assertThat(harness.numEventTimeTimers()).as("no forSeconds: the threshold needs no timer").isZero();
    }

    @Test
    void aRuleFromTheRulesTopicAppliesAtOnceAndItsVersionIsOnTheAlarm() throws Exception {
        feed(GAS, 15, 0);
        assertThat(harness.extractOutputValues()).as("under the default 25 %LEL").isEmpty();

        harness.processBroadcastElement(new SensorSpec(GAS, "grid-1", SensorType.COMBUSTIBLE_GAS,
                Thresholds.high(10, 20), 2, OFFLINE_30S), 0);
        harness.processBroadcastElement(spec(GAS, SensorType.COMBUSTIBLE_GAS, 1), 0); // an older version, replayed
        feed(GAS, 15, 1);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.threshold()).isEqualTo(10.0);
            assertThat(e.ruleVersion()).isEqualTo(2);
        });
    }

    @Test
    void aRestoreFromASnapshotTakenDuringAnEpisodeRaisesNothingTwice() throws Exception {
        feed(GAS, 30, 0);
        feed(NH3, 60, 0);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0.toEpochMilli());
        harness.close();

        harness = newHarness(snapshot);
        feed(GAS, 35, 1);
        feed(NH3, 70, 1);
        feed(GAS, 5, 2);

        assertThat(harness.extractOutputValues()).as("after the restore")
                .extracting(AlarmEvent::sensor, AlarmEvent::transition, AlarmEvent::episodeStart)
                .containsExactly(tuple("lel-1", AlarmTransition.CLEARED, T0));
    }

    /**
     * Issue 15, finding 2 (job side): 1500 ppm on an ammonia sensor of range 0-1000 whose rule waits for 3 readings
     * over 10 s: the highest level at once, and the sensor flagged as over range.
     */
    @Test
    void aReadingBeyondTheTopOfTheRangeRaisesTheSecondLevelAtOnceAndFlagsTheSensorOverRange() throws Exception {
        harness.processBroadcastElement(new SensorSpec(NH3, "grid-1", SensorType.AMMONIA,
                SensorType.AMMONIA.defaultThresholds().orElseThrow(), 2, new DetectionSpec(10, 3, null, null, 30, null,
                null, 0.0, 1000.0, null, null, null, null, null, null)), 0);

        feed(NH3, 1500, 0);

        assertThat(harness.extractOutputValues())
                .extracting(AlarmEvent::alarmType, AlarmEvent::transition, AlarmEvent::level, AlarmEvent::value,
                        AlarmEvent::threshold, AlarmEvent::episodeStart)
                .containsExactlyInAnyOrder(
                        tuple(AlarmEvent.THRESHOLD, AlarmTransition.RAISED, AlarmLevel.SECOND, 1500.0, 50.0, T0),
                        tuple(AlarmEvent.OUT_OF_RANGE, AlarmTransition.RAISED, AlarmLevel.FIRST, 1500.0, 1000.0, T0));
    }

    @Test
    void aReadingOlderThanTheSensorsLastIsNotJudged() throws Exception {
        feed(GAS, 30, 10);
        feed(GAS, 5, 9); // late and out of order: judging it would clear a live alarm

        assertThat(harness.extractOutputValues()).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.RAISED);
    }

    /** Issue 15, finding 4: one reading stamped 280 s ahead must not mute the sensor's later, correct readings. */
    @Test
    void leakReadingsOlderThanAFutureStampedOneStillRaiseTheAlarm() throws Exception {
        feed(GAS, 3, 280);
        feed(GAS, 60, 1);
        feed(GAS, 60, 2);

        assertThat(threshold(harness.extractOutputValues()))
                .extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::episodeStart)
                .containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.SECOND, T0.plusSeconds(1)));
    }

    @Test
    void readingsOfASensorMissingFromTheRulesAreDropped() throws Exception {
        SensorKey unknown = new SensorKey("ent-x", "dev-9", "lel-9");

        feed(unknown, 99, 0);
        feed(unknown, 99, 1);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).as("no state, no timer").isZero();
        assertThat(numKeyedStateEntries(harness)).as("no state, no timer").isZero();
    }

    /** A restart with a registry the sensor has left: its next reading is not judged, and its state goes. */
    @Test
    void aSensorThatLeftTheRegistryLosesItsStateAtItsNextReading() throws Exception {
        feed(GAS, 30, 0);
        feed(NH3, 10, 0);
        assertThat(numKeyedStateEntries(harness)).as("one per sensor").isEqualTo(2);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0.toEpochMilli());
        harness.close();

        harness = newHarness(snapshot, Map.of(NH3.toString(), SENSORS.get(NH3.toString())));
        feed(GAS, 5, 1); // judged, it would clear the alarm

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(numKeyedStateEntries(harness)).as("NH3's only").isEqualTo(1);
    }

    /** The same when the sensor's timer fires first: the timer finds no rule, and state and timer go. */
    @Test
    void aSensorThatLeftTheRegistryLosesItsStateAndTimerWhenItsTimerFires() throws Exception {
        harness.close();
        SensorSpec gasForTenSeconds = new SensorSpec(GAS, "grid-1", SensorType.COMBUSTIBLE_GAS,
                SensorType.COMBUSTIBLE_GAS.defaultThresholds().orElseThrow(), 1, new DetectionSpec(10, null, null,
                null, 30, null, null, null, null, null, null, null, null, null, null));
        harness = newHarness(null, Map.of(GAS.toString(), gasForTenSeconds, NH3.toString(), SENSORS.get(NH3.toString())));
        feed(GAS, 30, 0); // over the first set point: the rule waits 10 s on a timer
        feed(NH3, 10, 0);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0.toEpochMilli());
        harness.close();

        harness = newHarness(snapshot, Map.of(NH3.toString(), SENSORS.get(NH3.toString())));
        harness.processWatermark(T0.plusSeconds(10).toEpochMilli());

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(numKeyedStateEntries(harness)).as("NH3's only").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void sensorStateIsSerialisedByFlinksPojoSerializerNotKryo() {
        assertThat(TypeInformation.of(SensorState.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(((PojoTypeInfo<?>) TypeInformation.of(SensorState.class)).getTotalFields()).isGreaterThan(5);
        assertThat(TypeInformation.of(AlarmEvent.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(SensorSpec.class)).isInstanceOf(PojoTypeInfo.class);
    }

    private static KeyedBroadcastOperatorTestHarness<String, Reading, SensorSpec, AlarmEvent> newHarness(
            OperatorSubtaskState restoreFrom) throws Exception {
        return newHarness(restoreFrom, SENSORS);
    }

    /** @param registry the rules the job is (re)started with */
    private static KeyedBroadcastOperatorTestHarness<String, Reading, SensorSpec, AlarmEvent> newHarness(
            OperatorSubtaskState restoreFrom, Map<String, SensorSpec> registry) throws Exception {
        return DetectionHarness.open(new DetectionFunction(registry), (Reading reading) -> reading.sensorKey().toString(), restoreFrom);
    }

    private static List<AlarmEvent> threshold(List<AlarmEvent> events) {
        return events.stream().filter(e -> e.alarmType().equals(AlarmEvent.THRESHOLD)).toList();
    }

    private void feed(SensorKey key, double value, int second) throws Exception {
        Instant at = T0.plusSeconds(second);
        SensorType type = key.equals(NH3) ? SensorType.AMMONIA : SensorType.COMBUSTIBLE_GAS;
        harness.processElement(new Reading(Reading.SCHEMA, key.enterprise(), key.device(), key.sensor(), type, value,
                type.unit(), at, at), at.toEpochMilli());
    }

    private static SensorSpec spec(SensorKey key, SensorType type, int version) {
        return new SensorSpec(key, "grid-1", type, type.defaultThresholds().orElseThrow(), version, OFFLINE_30S);
    }
}
