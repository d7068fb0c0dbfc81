package io.hazardwatch.alerts;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.testsupport.TestRegistry;
import java.time.Duration;
import java.time.Instant;

/** Alarm events on the sensors of {@link TestRegistry}, as the detection job would write them. */
final class AlarmEvents {

    static final String GAS_KEY = TestRegistry.ENT_A + "/" + TestRegistry.ENT_A_DEVICE + "/" + TestRegistry.ENT_A_GAS + "/THRESHOLD";
    static final String GAS_TREND_KEY = TestRegistry.ENT_A + "/" + TestRegistry.ENT_A_DEVICE + "/" + TestRegistry.ENT_A_GAS + "/TREND";
    static final String NH3_KEY = TestRegistry.ENT_B + "/" + TestRegistry.ENT_B_DEVICE + "/" + TestRegistry.ENT_B_NH3 + "/THRESHOLD";

    private AlarmEvents() {
    }

    static AlarmEvent gas(AlarmTransition transition, AlarmLevel level, double value, Double threshold,
                          Instant episodeStart, Instant eventTime) {
        return new AlarmEvent(AlarmEvent.SCHEMA, GAS_KEY, TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE,
                TestRegistry.ENT_A_GAS, SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, level, transition, value,
                threshold, "%LEL", "threshold:ent-a/tank-1/lel-1", 1, episodeStart, eventTime, eventTime.plusMillis(250));
    }

    /** A trend warning on the gas sensor: it will cross {@code threshold} at {@code crossing}. */
    static AlarmEvent gasTrend(AlarmTransition transition, AlarmLevel level, double value, Double threshold,
                               Instant episodeStart, Instant eventTime, Instant crossing) {
        return new AlarmEvent(AlarmEvent.SCHEMA, GAS_TREND_KEY, TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE,
                TestRegistry.ENT_A_GAS, SensorType.COMBUSTIBLE_GAS, AlarmEvent.TREND, level, transition, value,
                threshold, "%LEL", "trend:ent-a/tank-1/lel-1", 1, episodeStart, eventTime, eventTime.plusMillis(250),
                2.5, 60L, crossing, crossing == null ? null : Duration.between(eventTime, crossing).toSeconds());
    }

    static AlarmEvent ammonia(AlarmTransition transition, AlarmLevel level, double value, Double threshold,
                              Instant episodeStart, Instant eventTime) {
        return new AlarmEvent(AlarmEvent.SCHEMA, NH3_KEY, TestRegistry.ENT_B, TestRegistry.ENT_B_DEVICE,
                TestRegistry.ENT_B_NH3, SensorType.AMMONIA, AlarmEvent.THRESHOLD, level, transition, value,
                threshold, "ppm", "threshold:ent-b/room-1/nh3-1", 1, episodeStart, eventTime, eventTime.plusMillis(250));
    }
}
