package io.hazardwatch.alerts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.danger.Severity;
import io.hazardwatch.model.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hidden-danger keys of the alerting policy: the shipped file reads, defaults fill in, a bad value names its key. */
class DangerPolicyTest {

    private static final String BASE = """
            escalation:
              steps: [{role: GRID_MEMBER, after: PT0S}]
            """;

    @Test
    void theShippedPolicyHasThePatternAndTheTargets() {
        AlertingPolicy policy = AlertingPolicy.load(Path.of("../deploy/config/alerting.yaml"), "alert.policy.file");
        assertThat(policy.patterns().realAlarms().count()).isEqualTo(3);
        assertThat(policy.patterns().realAlarms().window()).isEqualTo(Duration.ofDays(7));
        assertThat(policy.dangers().targets().supervised()).isEqualTo(50);
        assertThat(policy.dangers().targets().onTimeRate()).isEqualTo(100.0);
    }

    @Test
    void missingKeysTakeTheirDefaults(@TempDir Path dir) throws Exception {
        AlertingPolicy policy = AlertingPolicy.load(Files.writeString(dir.resolve("a.yaml"), BASE), "alert.policy.file");
        assertThat(policy.patterns().realAlarms().count()).isEqualTo(3);
        assertThat(policy.patterns().realAlarms().severity()).isEqualTo(Severity.GENERAL);
        assertThat(policy.patterns().realAlarms().deadlineDays()).isEqualTo(7);
        assertThat(policy.dangers().targets().year()).isNull();
        assertThat(policy.dangers().targets().onTimeRate()).isEqualTo(100.0);
    }

    @Test
    void aBadValueStopsStartupNamingItsKey(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("a.yaml"), BASE + "patterns: {realAlarms: {count: 0}}\n");
        assertThatThrownBy(() -> AlertingPolicy.load(bad, "alert.policy.file")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("patterns.realAlarms.count");
        Path rate = Files.writeString(dir.resolve("b.yaml"), BASE + "dangers: {targets: {onTimeRate: 120}}\n");
        assertThatThrownBy(() -> AlertingPolicy.load(rate, "alert.policy.file")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("dangers.targets.onTimeRate");
    }
}
