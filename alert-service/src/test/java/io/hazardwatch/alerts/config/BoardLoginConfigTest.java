package io.hazardwatch.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoardLoginConfigTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void theSessionSecretIsRequiredWhenTheBoardIsReachedBeyondLoopbackAsTheAckSecretIs() {
        assertThatThrownBy(() -> BoardLoginConfig.from(Settings.of(Map.of()), "https://board.park.example/"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alert.board.session-secret: required")
                .hasMessageContaining("HW_ALERT_BOARD_SESSION_SECRET");
        assertThatThrownBy(() -> BoardLoginConfig.from(Settings.of(Map.of(BoardLoginConfig.SESSION_SECRET,
                SECRET.substring(1))), "https://board.park.example/"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 32");

        assertThat(BoardLoginConfig.from(Settings.of(Map.of()), "http://127.0.0.1:8080/").sessionSecret())
                .as("loopback: random per start").isNull();
        BoardLoginConfig set = BoardLoginConfig.from(Settings.of(Map.of(BoardLoginConfig.SESSION_SECRET, SECRET)),
                "https://board.park.example/");
        assertThat(set.sessionSecret().reveal()).isEqualTo(SECRET);
        assertThat(set.toString()).doesNotContain(SECRET);
    }

    @Test
    void theThrottleIsReadFromTheGatewaysKeys() {
        BoardLoginConfig config = BoardLoginConfig.from(Settings.of(Map.of("login.throttle-after-failures", "3",
                "login.throttle-max-delay-seconds", "60")), "http://127.0.0.1:8080/");

        assertThat(config.throttle().afterFailures()).isEqualTo(3);
        assertThat(config.throttle().maxDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.throttle().firstDelay()).isEqualTo(Duration.ofSeconds(1));
    }
}
