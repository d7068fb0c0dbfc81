package io.hazardwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

    private final Thresholds combustible = SensorType.COMBUSTIBLE_GAS.defaultThresholds().orElseThrow();

    @Test
    void combustibleGasDefaultsFollowGbt50493() {
        assertThat(combustible.levelOf(24.9)).isEqualTo(AlarmLevel.NONE);
        assertThat(combustible.levelOf(25)).isEqualTo(AlarmLevel.FIRST);
        assertThat(combustible.levelOf(49.9)).isEqualTo(AlarmLevel.FIRST);
        assertThat(combustible.levelOf(50)).isEqualTo(AlarmLevel.SECOND);
    }

    @Test
    void holdLevelKeepsAnAlarmUntilTheValueIsPastTheDeadband() {
        assertThat(combustible.deadband()).isEqualTo(2.5);
        assertThat(combustible.holdLevelOf(23)).isEqualTo(AlarmLevel.FIRST);
        assertThat(combustible.holdLevelOf(22.4)).isEqualTo(AlarmLevel.NONE);
    }

    @Test
    void oxygenDeficiencyIsALowAlarm() {
        Thresholds oxygen = SensorType.OXYGEN.defaultThresholds().orElseThrow();
        assertThat(oxygen.levelOf(20.9)).isEqualTo(AlarmLevel.NONE);
        assertThat(oxygen.levelOf(19.5)).isEqualTo(AlarmLevel.SECOND);
        assertThat(oxygen.levelOf(23.6)).isEqualTo(AlarmLevel.FIRST);
        assertThat(oxygen.setPointFor(AlarmLevel.SECOND, 18)).isEqualTo(19.5);
    }

    @Test
    void rejectsASecondLevelBelowTheFirst() {
        assertThatThrownBy(() -> Thresholds.high(50, 25)).hasMessageContaining("secondHigh");
    }

    @Test
    void dustAndTemperatureHaveNoNationalDefaults() {
        assertThat(SensorType.DUST_CONCENTRATION.defaultThresholds()).isEmpty();
        assertThat(SensorType.TEMPERATURE.defaultThresholds()).isEmpty();
    }
}
