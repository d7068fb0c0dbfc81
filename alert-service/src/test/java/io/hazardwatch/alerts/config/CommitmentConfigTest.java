package io.hazardwatch.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code commitments.*}: defaults, overrides, and a bad value naming its key. */
class CommitmentConfigTest {

    @Test
    void byDefaultEveryEnterpriseWithMajorHazardsCommitsByNine() {
        CommitmentConfig config = CommitmentConfig.from(Settings.of(Map.of()));
        assertThat(config).isEqualTo(CommitmentConfig.DEFAULTS);
        assertThat(config.deadline()).isEqualTo(LocalTime.of(9, 0));
        assertThat(config.requiredOf("ent-a", true)).isTrue();
        assertThat(config.requiredOf("ent-a", false)).isFalse();
    }

    @Test
    void theDeadlineAndPerEnterpriseOverridesAreRead() {
        CommitmentConfig config = CommitmentConfig.from(Settings.of(Map.of("commitments.deadline", "08:30",
                "commitments.required", "false", "commitments.overrides", "ent-a:true, ent-b:false")));
        assertThat(config.deadline()).isEqualTo(LocalTime.of(8, 30));
        assertThat(config.requiredOf("ent-a", false)).isTrue();
        assertThat(config.requiredOf("ent-b", true)).isFalse();
        assertThat(config.requiredOf("ent-c", true)).isFalse();
    }

    @Test
    void aBadValueNamesItsKey() {
        assertThatThrownBy(() -> CommitmentConfig.from(Settings.of(Map.of("commitments.deadline", "9 am"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("commitments.deadline: '9 am'");
        assertThatThrownBy(() -> CommitmentConfig.from(Settings.of(Map.of("commitments.required", "yes"))))
                .hasMessageStartingWith("commitments.required: 'yes'");
        assertThatThrownBy(() -> CommitmentConfig.from(Settings.of(Map.of("commitments.overrides", "ent-a"))))
                .hasMessageStartingWith("commitments.overrides: 'ent-a'");
    }
}
