package io.hazardwatch.streamjobs.job;

import static io.hazardwatch.streamjobs.testing.DetectionHarness.numKeyedStateEntries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.RegistryFile.DetectionSpec;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.detection.DeviceOfflineDetector;
import io.hazardwatch.streamjobs.detection.DeviceState;
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

class DeviceOfflineFunctionTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final SensorKey GAS = new SensorKey("ent-a", "tank-1", "lel-1");
    private static final SensorKey NH3 = new SensorKey("ent-a", "tank-1", "nh3-1");
    private static final SensorKey OTHER = new SensorKey("ent-b", "room-1", "lel-1");
    private static final Map<String, SensorSpec> SENSORS = Map.of(
            GAS.toString(), spec(GAS, SensorType.COMBUSTIBLE_GAS, 1, 30),
            NH3.toString(), spec(NH3, SensorType.AMMONIA, 1, 30),
            OTHER.toString(), spec(OTHER, SensorType.COMBUSTIBLE_GAS, 1, 30));

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
    void aFortySecondGapRaisesTheDeviceAlarmOnTimeWithNoFurtherDataAndTheReturnClearsIt() throws Exception {
        for (int s = 0; s <= 10; s += 2) {
            feed(GAS, s);
            feed(NH3, s);
        }
        assertThat(harness.numEventTimeTimers()).as("one timer per device, set once, not per reading").isEqualTo(1);
        harness.processWatermark(T0.plusSeconds(39).toEpochMilli());
        assertThat(harness.extractOutputValues()).as("29 s of silence").isEmpty();

        harness.processWatermark(T0.plusSeconds(40).toEpochMilli()); // no reading: event time alone moves on
        List<AlarmEvent> atForty = List.copyOf(harness.extractOutputValues());
        feed(NH3, 50);

        assertThat(atForty).singleElement().satisfies(e -> {
            assertThat(e.alarmKey()).isEqualTo("ent-a/tank-1//OFFLINE");
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.eventTime()).isEqualTo(T0.plusSeconds(40));
            assertThat(e.episodeStart()).isEqualTo(T0.plusSeconds(40));
        });
        assertThat(harness.extractOutputValues()).last().satisfies(e -> {
            assertThat(e.alarmKey()).isEqualTo("ent-a/tank-1//OFFLINE");
            assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED);
            assertThat(e.episodeStart()).isEqualTo(T0.plusSeconds(40));
        });
    }

    @Test
    void aSensorSilentWhileItsDeviceReportsIsRaisedAloneAndOtherDevicesAreUntouched() throws Exception {
        feed(GAS, 0);
        feed(OTHER, 0);
        for (int s = 5; s <= 40; s += 5) {
            feed(NH3, s);
            feed(OTHER, s);
            harness.processWatermark(T0.plusSeconds(s - 5).toEpochMilli());
        }

        assertThat(harness.extractOutputValues()).extracting(AlarmEvent::alarmKey, AlarmEvent::episodeStart)
                .containsExactly(tuple("ent-a/tank-1/lel-1/OFFLINE", T0.plusSeconds(30)));
    }

    @Test
    void aLongerIntervalFromTheRulesTopicAppliesFromTheSensorsNextReading() throws Exception {
        harness.processBroadcastElement(spec(GAS, SensorType.COMBUSTIBLE_GAS, 2, 120), 0);
        harness.processBroadcastElement(spec(NH3, SensorType.AMMONIA, 2, 120), 0);
        harness.processBroadcastElement(spec(GAS, SensorType.COMBUSTIBLE_GAS, 1, 30), 0); // older, replayed
        feed(GAS, 0);
        feed(NH3, 0);
        harness.processWatermark(T0.plusSeconds(119).toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(T0.plusSeconds(120).toEpochMilli());

        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.ruleVersion()).isEqualTo(2);
            assertThat(e.windowSeconds()).isEqualTo(120L);
        });
    }

    @Test
    void aRestoreFromASnapshotTakenDuringAnOutageRaisesNothingTwiceAndKeepsTheTimer() throws Exception {
        feed(GAS, 0);
        feed(NH3, 0);
        harness.processWatermark(T0.plusSeconds(30).toEpochMilli());
        feed(OTHER, 31);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0.toEpochMilli());
        harness.close();

        harness = newHarness(snapshot);
        harness.processWatermark(T0.plusSeconds(30).toEpochMilli()); // replayed event time
        harness.processWatermark(T0.plusSeconds(61).toEpochMilli());
        feed(GAS, 65);

        assertThat(harness.extractOutputValues()).as("after the restore")
                .extracting(AlarmEvent::alarmKey, AlarmEvent::transition, AlarmEvent::episodeStart)
                .containsExactly(
                        tuple("ent-b/room-1//OFFLINE", AlarmTransition.RAISED, T0.plusSeconds(61)),
                        tuple("ent-a/tank-1//OFFLINE", AlarmTransition.CLEARED, T0.plusSeconds(30)));
    }

    @Test
    void aDeviceWhoseReadingsComeInBehindEventTimeIsNotOfflineWhileTheyKeepComingAndIsWhenTheyStop() throws Exception {
        // ent-a's partition falls behind ent-b's until it lags 90 s, and event time follows ent-b's (as when a
        // backlogged split's watermark was moved on by the wall clock): tank-1's readings come in ever later
        for (int s = 0; s <= 400; s++) {
            feed(OTHER, s);
            double lagging = s - Math.min(90, s / 2.0);
            feed(GAS, lagging);
            feed(NH3, lagging);
            harness.processWatermark(T0.plusSeconds(s - 5).toEpochMilli());
        }
        assertThat(harness.extractOutputValues()).as("tank-1 reported all along").isEmpty();

        for (int s = 401; s <= 440; s++) { // tank-1 stops
            feed(OTHER, s);
            harness.processWatermark(T0.plusSeconds(s - 5).toEpochMilli());
        }

        assertThat(harness.extractOutputValues())
                .extracting(AlarmEvent::alarmKey, AlarmEvent::transition, AlarmEvent::episodeStart)
                .as("one interval after event time last saw it alive")
                .containsExactly(tuple("ent-a/tank-1//OFFLINE", AlarmTransition.RAISED, T0.plusSeconds(394 + 30)));
    }

    @Test
    void aSensorWhoseReadingsComeInBehindItsSiblingsOnAnotherPartitionIsNotOffline() throws Exception {
        // lel-1 (every second) and nh3-1 (every 10 s) are keyed to different partitions; nh3-1's falls behind until
        // it lags 90 s, and event time follows lel-1's
        for (int s = 0; s <= 400; s++) {
            feed(GAS, s);
            if (s % 10 == 0) {
                feed(NH3, s - Math.min(90, s / 2.0));
            }
            harness.processWatermark(T0.plusSeconds(s - 5).toEpochMilli());
        }

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    /**
     * A restart with a registry that none of a device's sensors is in any more: the device is not raised offline
     * (it was taken out), and its state and timer go; other devices are untouched.
     */
    @Test
    void aDeviceWhoseSensorsAllLeftTheRegistryLosesItsStateAndTimerInsteadOfGoingOffline() throws Exception {
        feed(GAS, 0);
        feed(NH3, 0);
        feed(OTHER, 0);
        assertThat(numKeyedStateEntries(harness)).as("one per device").isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).as("one per device").isEqualTo(2);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0.toEpochMilli());
        harness.close();

        harness = newHarness(snapshot, Map.of(OTHER.toString(), SENSORS.get(OTHER.toString())));
        harness.processWatermark(T0.plusSeconds(30).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(AlarmEvent::alarmKey)
                .containsExactly("ent-b/room-1//OFFLINE");
        assertThat(numKeyedStateEntries(harness)).as("ent-b/room-1's only").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).as("ent-b/room-1 is offline: nothing to wait for").isZero();
    }

    @Test
    void aReadingOfASensorWithoutARuleLeavesNoStateForItsDevice() throws Exception {
        feed(new SensorKey("ent-x", "dev-9", "lel-9"), 0);

        assertThat(numKeyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void deviceStateIsSerialisedByFlinksPojoSerializerNotKryo() {
        assertThat(TypeInformation.of(DeviceState.class)).isInstanceOf(PojoTypeInfo.class);
    }

    private static KeyedBroadcastOperatorTestHarness<String, Reading, SensorSpec, AlarmEvent> newHarness(
            OperatorSubtaskState restoreFrom) throws Exception {
        return newHarness(restoreFrom, SENSORS);
    }

    /** @param registry the rules the job is (re)started with */
    private static KeyedBroadcastOperatorTestHarness<String, Reading, SensorSpec, AlarmEvent> newHarness(
            OperatorSubtaskState restoreFrom, Map<String, SensorSpec> registry) throws Exception {
        return DetectionHarness.open(new DeviceOfflineFunction(registry), DeviceOfflineDetector::deviceKey, restoreFrom);
    }

    private void feed(SensorKey key, double second) throws Exception {
        Instant at = T0.plusMillis(Math.round(second * 1000));
        SensorType type = key.equals(NH3) ? SensorType.AMMONIA : SensorType.COMBUSTIBLE_GAS;
        harness.processElement(new Reading(Reading.SCHEMA, key.enterprise(), key.device(), key.sensor(), type, 3,
                type.unit(), at, at), at.toEpochMilli());
    }

    private static SensorSpec spec(SensorKey key, SensorType type, int version, int offlineSeconds) {
        return new SensorSpec(key, "grid-1", type, type.defaultThresholds().orElseThrow(), version,
                new DetectionSpec(null, null, null, null, offlineSeconds, null, null, null, null, null, null, null,
                        null, null, null));
    }
}
