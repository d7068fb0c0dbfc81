package io.hazardwatch.alerts.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.risk.RiskColour;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradingPolicyTest {

    private static final String ESCALATION = """
            escalation:
              steps:
                - {role: GRID_MEMBER, after: PT0S}
            """;

    @TempDir
    Path dir;

    private AlertingPolicy load(String grading) throws IOException {
        Path file = Files.writeString(dir.resolve("alerting.yaml"), ESCALATION + grading);
        return AlertingPolicy.load(file, "alert.policy.file");
    }

    @Test
    void withoutAGradingBlockTheDocumentedDefaultsApply() throws IOException {
        GradingPolicy policy = load("").grading();
        assertThat(policy).isEqualTo(GradingPolicy.defaults().validated());
        assertThat(policy.warningLine()).isEqualTo(30);
        assertThat(policy.alarmLine()).isEqualTo(60);
        assertThat(policy.acknowledgeTarget()).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.weights().majorHazardLevel()).containsEntry(1, 15).containsEntry(4, 3);
    }

    @Test
    void theDeployedPolicyStatesTheDefaults() {
        AlertingPolicy deployed = AlertingPolicy.load(Path.of("../deploy/config/alerting.yaml"), "alert.policy.file");
        assertThat(deployed.grading()).isEqualTo(GradingPolicy.defaults().validated());
    }

    @Test
    void aGradingBlockOverridesFieldByFieldAndKeepsTheRestOfTheDefaults() throws IOException {
        GradingPolicy policy = load("""
                grading:
                  weights:
                    realRelease30d: 9
                    majorHazardLevel: {1: 20}
                    sensorTypes: {TEMPERATURE: 0}
                  colours: {RED: 90}
                  warningLine: 25
                """).grading();
        assertThat(policy.weights().realRelease30d()).isEqualTo(9);
        assertThat(policy.weights().realRelease90d()).isEqualTo(2);
        assertThat(policy.weights().majorHazardLevel()).containsEntry(1, 20).containsEntry(2, 10);
        assertThat(policy.weights().sensorTypes()).containsEntry(SensorType.TEMPERATURE, 0).containsEntry(SensorType.AMMONIA, 4);
        assertThat(policy.colours()).containsEntry(RiskColour.RED, 90).containsEntry(RiskColour.ORANGE, 60);
        assertThat(policy.warningLine()).isEqualTo(25);
    }

    @Test
    void aBadValueStopsStartupNamingTheField() {
        refused("grading: {weights: {overdueDanger: -1}}", "grading.weights.overdueDanger");
        refused("grading: {weights: {majorHazardLevel: {5: 3}}}", "grading.weights.majorHazardLevel");
        refused("grading: {colours: {ORANGE: 120}}", "grading.colours");
        refused("grading: {colours: {BLUE: 1}}", "grading.colours");
        refused("grading: {warningLine: 70, alarmLine: 50}", "grading.alarmLine");
        refused("grading: {acknowledgeTarget: PT-1M}", "grading.acknowledgeTarget");
        refused("grading: {weights: {realReleases: 3}}", "realReleases");
    }

    private void refused(String grading, String field) {
        assertThatThrownBy(() -> load(grading + "\n")).as(grading)
                .isInstanceOf(ConfigException.class).hasMessageContaining(field);
    }

    @Test
    void theOldRiskRulesFailClearlyInsteadOfBeingIgnored() {
        assertThatThrownBy(() -> load("""
                risk:
                  rules:
                    - {colour: RED, secondLevel: 2}
                  warningLine: {alarms: 1}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("risk: no longer read").hasMessageContaining("grading.warningLine");
    }
}
