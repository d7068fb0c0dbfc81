package io.hazardwatch.alerts.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HaConfigTest {

    @Test
    void isOffByDefaultWithTheLeaderGroupDerivedFromTheStateTopic() {
        HaConfig ha = HaConfig.from(Settings.of(Map.of()), "state.topic", "127.0.0.1", 8080);

        assertThat(ha.enabled()).isFalse();
        assertThat(ha.instanceId()).isEqualTo("127.0.0.1:8080");
        assertThat(ha.sessionTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(ha.leaderTopic()).isEqualTo(Topics.ALERTS_LEADER);
        assertThat(ha.group()).isEqualTo("hazardwatch-alert-service.leader.state.topic");
    }

    @Test
    void readsTheKeys() {
        HaConfig ha = HaConfig.from(Settings.of(Map.of(HaConfig.ENABLED, "true", HaConfig.INSTANCE_ID, "alerts-2",
                HaConfig.SESSION_TIMEOUT_MS, "7000", HaConfig.LEADER_TOPIC, "my.leader")), "s", "h", 1);

        assertThat(ha).isEqualTo(new HaConfig(true, "alerts-2", Duration.ofMillis(7000), "my.leader",
                "hazardwatch-alert-service.leader.s"));
    }

    @Test
    void refusesAValueThatIsNotABooleanOrANameNamingTheKey() {
        assertThatThrownBy(() -> HaConfig.from(Settings.of(Map.of(HaConfig.ENABLED, "yes")), "s", "h", 1))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(HaConfig.ENABLED);
        assertThatThrownBy(() -> HaConfig.from(Settings.of(Map.of(HaConfig.INSTANCE_ID, "a b")), "s", "h", 1))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(HaConfig.INSTANCE_ID);
        assertThatThrownBy(() -> HaConfig.from(Settings.of(Map.of(HaConfig.SESSION_TIMEOUT_MS, "10")), "s", "h", 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining(HaConfig.SESSION_TIMEOUT_MS);
    }
}
