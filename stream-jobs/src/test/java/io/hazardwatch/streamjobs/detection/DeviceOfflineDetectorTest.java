package io.hazardwatch.streamjobs.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.SensorSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Device tank-1 with a gas and an ammonia sensor; the watermark is moved by hand, as event time would move
 * (timers fire when it reaches what {@link DeviceOfflineDetector#nextTimer} asks for).
 */
class DeviceOfflineDetectorTest {

    private static final Instant T0 = Sensors.T0;

    private final DeviceState state = new DeviceState();
    private final List<AlarmEvent> events = new ArrayList<>();
    /** Where event time stands: readings fed after {@link #watermark} come in at it. */
    private long eventTime = Long.MIN_VALUE;
    private SensorSpec gas = Sensors.spec(SensorType.COMBUSTIBLE_GAS, Sensors.detection(null, null, 30));
    private SensorSpec temp = Sensors.spec(SensorType.AMMONIA, Sensors.detection(null, null, 30));
    private final Function<String, SensorRule> rules = sensor -> Map.of(
            gas.key().sensor(), SensorRule.of(gas), temp.key().sensor(), SensorRule.of(temp)).get(sensor);
    /** Built once, as the keyed function does: it reads the rules above at each call. */
    private final DeviceOfflineDetector detector = new DeviceOfflineDetector("ent-a", "tank-1", rules);

    @Test
    void aFortySecondGapOfTheWholeDeviceRaisesOneDeviceAlarmOnTimeWithNoFurtherDataAndTheReturnClearsIt() {
        both(0);
        both(10);
        watermark(39);
        assertThat(events).as("29 s of silence").isEmpty();

        watermark(40); // no reading: event time alone moves on
        watermark(90);
        both(95);

        assertThat(events).extracting(AlarmEvent::alarmKey, AlarmEvent::transition, AlarmEvent::level,
                        AlarmEvent::episodeStart, AlarmEvent::eventTime, AlarmEvent::value)
                .containsExactly(
                        tuple("ent-a/tank-1//OFFLINE", AlarmTransition.RAISED, AlarmLevel.FIRST, at(40), at(40), 30.0),
                        tuple("ent-a/tank-1//OFFLINE", AlarmTransition.CLEARED, AlarmLevel.NONE, at(40), at(95), 85.0));
        assertThat(events.get(0)).satisfies(e -> {
            // the shape the alert service's inhibition reads as "this device is offline"
            assertThat(e.sensor()).isEmpty();
            assertThat(e.device()).isEqualTo("tank-1");
            assertThat(e.alarmType()).isEqualTo(AlarmEvent.OFFLINE);
            assertThat(e.threshold()).isEqualTo(30.0);
            assertThat(e.unit()).isEqualTo("s");
            assertThat(e.windowSeconds()).isEqualTo(30L);
            assertThat(e.ruleId()).isEqualTo("offline:ent-a/tank-1");
            assertThat(e.ruleVersion()).isEqualTo(7);
        });
    }

    @Test
    void oneSensorFallingSilentWhileItsDeviceReportsRaisesASensorAlarmAtItsDeadline() {
        both(0);
        for (int s = 5; s <= 60; s += 5) {
            reading(temp, s); // the gateway and the device are fine, lel-1 is not
            watermark(s - 5);
        }
        watermark(60);
        reading(gas, 62);
        watermark(62);

        assertThat(events).extracting(AlarmEvent::alarmKey, AlarmEvent::transition, AlarmEvent::episodeStart,
                        AlarmEvent::eventTime)
                .containsExactly(
                        tuple("ent-a/tank-1/lel-1/OFFLINE", AlarmTransition.RAISED, at(30), at(30)),
                        tuple("ent-a/tank-1/lel-1/OFFLINE", AlarmTransition.CLEARED, at(30), at(62)));
        assertThat(events.get(0).sensorType()).isEqualTo(SensorType.COMBUSTIBLE_GAS);
        assertThat(events.get(0).windowSeconds()).isEqualTo(30L);
    }

    @Test
    void aSensorWithAShorterIntervalIsHeldBackWhileTheDeviceIsSilentSoThatOneDeviceAlarmCoversIt() {
        temp = Sensors.spec(SensorType.AMMONIA, Sensors.detection(null, null, 60));
        both(0);
        watermark(30);
        watermark(59);
        assertThat(events).as("lel-1 is due at 30 s, but so far the whole device is silent").isEmpty();

        watermark(60);

        assertThat(events).extracting(AlarmEvent::alarmKey, AlarmEvent::episodeStart)
                .containsExactly(tuple("ent-a/tank-1//OFFLINE", at(60)));
    }

    @Test
    void aDeviceComingBackWithoutOneOfItsSensorsClearsAndThenRaisesThatSensor() {
        both(0);
        watermark(30);
        reading(temp, 100);
        watermark(99);
        assertThat(events).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.RAISED, AlarmTransition.CLEARED);

        watermark(100);

        assertThat(events.get(2)).satisfies(e -> {
            assertThat(e.alarmKey()).isEqualTo("ent-a/tank-1/lel-1/OFFLINE");
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.episodeStart()).as("silent since its deadline").isEqualTo(at(30));
        });
    }

    @Test
    void readingsOfTheWholeDeviceArrivingOneByOneAfterAGapRaiseNoSensorAlarm() {
        both(0);
        watermark(30);
        reading(temp, 100); // the same message's gas reading comes a moment later, from another partition
        reading(gas, 100.2);
        watermark(200);

        assertThat(events).extracting(AlarmEvent::alarmKey, AlarmEvent::transition)
                .containsExactly(tuple("ent-a/tank-1//OFFLINE", AlarmTransition.RAISED),
                        tuple("ent-a/tank-1//OFFLINE", AlarmTransition.CLEARED),
                        tuple("ent-a/tank-1//OFFLINE", AlarmTransition.RAISED));
        assertThat(events.get(2).episodeStart()).isEqualTo(at(130.2));
    }

    @Test
    void aSecondTimerWhileOfflineRaisesNothingMoreAndASensorWithOfflineOffStillShowsTheDeviceAlive() {
        temp = Sensors.spec(SensorType.AMMONIA, Sensors.detection(null, null, 0));
        both(0);
        watermark(30);
        watermark(90);
        assertThat(events).hasSize(1);
        assertThat(detector.nextTimer(state)).isEqualTo(Detector.NO_TIMER);

        reading(temp, 100);
        for (int s = 110; s <= 200; s += 10) {
            reading(temp, s);
            watermark(s - 5);
        }

        assertThat(events).extracting(AlarmEvent::alarmKey, AlarmEvent::transition).containsExactly(
                tuple("ent-a/tank-1//OFFLINE", AlarmTransition.RAISED),
                tuple("ent-a/tank-1//OFFLINE", AlarmTransition.CLEARED),
                tuple("ent-a/tank-1/lel-1/OFFLINE", AlarmTransition.RAISED));
    }

    @Test
    void aDeviceWithOneSensorRaisesTheDeviceAlarm() {
        reading(gas, 0);
        watermark(30);

        assertThat(events).extracting(AlarmEvent::alarmKey).containsExactly("ent-a/tank-1//OFFLINE");
    }

    @Test
    void readingsComingInBehindEventTimeShowTheDeviceAliveUpToEventTime() {
        both(0);
        watermark(25);
        both(1); // late: its partition lags, or it was queued while event time moved on
        watermark(54);
        assertThat(events).as("seen alive at 25 s, not only at 1 s").isEmpty();

        watermark(55);

        assertThat(events).extracting(AlarmEvent::alarmKey, AlarmEvent::episodeStart)
                .containsExactly(tuple("ent-a/tank-1//OFFLINE", at(55)));
    }

    @Test
    void aStateKeptWithoutAliveTimesCountsFromEachSensorsNewestReading() {
        both(0);
        state.aliveUntil = new long[0]; // as restored from a version without the field

        watermark(30);

        assertThat(events).extracting(AlarmEvent::alarmKey, AlarmEvent::episodeStart)
                .containsExactly(tuple("ent-a/tank-1//OFFLINE", at(30)));
    }

    @Test
    void keysMatchTheAlertServicesShape() {
        assertThat(DeviceOfflineDetector.deviceAlarmKey("ent-a", "tank-1"))
                .isEqualTo(AlarmEvent.keyOf(new SensorKey("ent-a", "tank-1", ""), AlarmEvent.OFFLINE))
                .isEqualTo("ent-a/tank-1//OFFLINE");
    }

    private void both(double second) {
        reading(gas, second);
        reading(temp, second);
    }

    private void reading(SensorSpec spec, double second) {
        Alarms out = new Alarms(at(second).plusMillis(300), eventTime);
        detector.onReading(state, Sensors.reading(spec, 3, second), out);
        events.addAll(out.events());
    }

    /** Event time reaches {@code second}: fires the timer if it is due, as Flink would. */
    private void watermark(double second) {
        long time = at(second).toEpochMilli();
        eventTime = Math.max(eventTime, time);
        Alarms out = new Alarms(at(second).plusMillis(300), eventTime);
        if (detector.nextTimer(state) <= time) {
            detector.onTimer(state, time, out);
        }
        events.addAll(out.events());
    }

    private static Instant at(double second) {
        return T0.plusMillis(Math.round(second * 1000));
    }
}
