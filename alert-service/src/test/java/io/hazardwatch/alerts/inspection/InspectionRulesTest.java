package io.hazardwatch.alerts.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.model.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspection schedule and the false-alarm pattern in the alerting policy: defaults, the shipped file, bad values. */
class InspectionRulesTest {

    private static final String ESCALATION = "escalation: {steps: [{role: GRID_MEMBER, after: PT0S}]}\n";

    @Test
    void withoutTheBlocksThePolicyHasTheDocumentedDefaults(@TempDir Path dir) throws IOException {
        AlertingPolicy policy = load(dir, ESCALATION);
        assertThat(policy.inspections().every()).isEqualTo(new InspectionRules.Every(Duration.ofDays(7),
                Duration.ofDays(14), Duration.ofDays(30)));
        assertThat(policy.inspections().scheduledDue()).isEqualTo(Duration.ofDays(3));
        assertThat(policy.inspections().followUpDue()).isEqualTo(Duration.ofDays(3));
        assertThat(policy.inspections().calibrationDue()).isEqualTo(Duration.ofDays(7));
        assertThat(policy.patterns().falseAlarms()).isEqualTo(new FalseAlarmPattern(3, Duration.ofDays(30)));
    }

    @Test
    void givenValuesAreTakenAndMissingOnesDefaulted(@TempDir Path dir) throws IOException {
        AlertingPolicy policy = load(dir, ESCALATION + "inspections: {every: {priority: P5D}, followUpDue: P1D}\n"
                + "patterns: {falseAlarms: {count: 5}}\n");
        assertThat(policy.inspections().every().priority()).isEqualTo(Duration.ofDays(5));
        assertThat(policy.inspections().every().others()).isEqualTo(Duration.ofDays(30));
        assertThat(policy.inspections().followUpDue()).isEqualTo(Duration.ofDays(1));
        assertThat(policy.patterns().falseAlarms()).isEqualTo(new FalseAlarmPattern(5, Duration.ofDays(30)));
    }

    @Test
    void aBadValueStopsStartupNamingItsKey(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, ESCALATION + "inspections: {every: {watch: PT0S}}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("inspections.every.watch");
        assertThatThrownBy(() -> load(dir, ESCALATION + "patterns: {falseAlarms: {count: 0}}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("patterns.falseAlarms.count");
    }

    @Test
    void theShippedPolicyLoadsWithItsSchedule() {
        AlertingPolicy policy = AlertingPolicy.load(Path.of("../deploy/config/alerting.yaml"), "alert.policy.file");
        assertThat(policy.inspections().every().watch()).isEqualTo(Duration.ofDays(14));
        assertThat(policy.patterns().falseAlarms().count()).isEqualTo(3);
    }

    private static AlertingPolicy load(Path dir, String yaml) throws IOException {
        return AlertingPolicy.load(Files.writeString(dir.resolve("alerting.yaml"), yaml), "alert.policy.file");
    }
}
