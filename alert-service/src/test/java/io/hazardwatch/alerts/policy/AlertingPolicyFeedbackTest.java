package io.hazardwatch.alerts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.outbox.NotificationText;
import io.hazardwatch.alerts.outbox.text.Language;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feedback deadlines and enterprise contacts of the alerting policy file: defaults, and bad values named; and the
 * people's message language (issue 21).
 */
class AlertingPolicyFeedbackTest {

    private static final String BASE = """
            escalation:
              steps:
                - {role: GRID_MEMBER, after: PT0S}
            """;

    @TempDir
    Path dir;

    private AlertingPolicy load(String extra) throws IOException {
        return AlertingPolicy.load(Files.writeString(dir.resolve("alerting.yaml"), BASE + extra), "alert.policy.file");
    }

    @Test
    void withoutAFeedbackBlockTheDefaultDeadlinesApplyAndNobodyIsAsked() throws IOException {
        AlertingPolicy policy = load("");
        assertThat(policy.feedback().at(AlarmLevel.SECOND))
                .isEqualTo(new FeedbackPolicy.Deadlines(Duration.ofMinutes(5), Duration.ofMinutes(30)));
        assertThat(policy.feedback().at(AlarmLevel.FIRST))
                .isEqualTo(new FeedbackPolicy.Deadlines(Duration.ofMinutes(15), Duration.ofMinutes(120)));
        assertThat(policy.feedback().at(AlarmLevel.NONE)).isNull();
        assertThat(policy.enterpriseContacts()).isEmpty();
    }

    @Test
    void aLevelGivenReplacesItsDefaultAndContactsAreRead() throws IOException {
        AlertingPolicy policy = load("""
                feedback:
                  deadlines:
                    SECOND: {confirm: PT2M, report: PT20M}
                enterpriseContacts:
                  ent-a:
                    - {id: a-safety, name: Safety, channel: sms, address: "+8613800000009"}
                """);
        assertThat(policy.feedback().at(AlarmLevel.SECOND).confirm()).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.feedback().at(AlarmLevel.FIRST).confirm()).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.enterpriseContacts().get("ent-a")).singleElement()
                .satisfies(p -> assertThat(p.address()).isEqualTo("+8613800000009"));
    }

    @Test
    void theDeployedPolicyFileReadsWithItsDeadlinesAndContacts() {
        AlertingPolicy deployed = AlertingPolicy.load(Path.of("../deploy/config/alerting.yaml"), "alert.policy.file");
        assertThat(deployed.feedback().at(AlarmLevel.SECOND).report()).isEqualTo(Duration.ofMinutes(30));
        assertThat(deployed.enterpriseContacts()).containsKey("hengda-chemicals");
    }

    @Test
    void aBadDeadlineStopsStartupNamingTheField() {
        assertThatThrownBy(() -> load("feedback: {deadlines: {SECOND: {confirm: PT0S, report: PT30M}}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("feedback.deadlines.SECOND.confirm");
        assertThatThrownBy(() -> load("feedback: {deadlines: {FIRST: {confirm: PT15M, report: PT5M}}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("feedback.deadlines.FIRST.report");
        assertThatThrownBy(() -> load("feedback: {deadlines: {FIRST: {confirm: PT15M}}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("feedback.deadlines.FIRST");
        assertThatThrownBy(() -> load("feedback: {deadlines: {FIRST: {confirm: soon, report: PT5M}}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alert.policy.file");
    }

    @Test
    void aContactWithoutAddressStopsStartupNamingIt() {
        assertThatThrownBy(() -> load("""
                enterpriseContacts:
                  ent-a:
                    - {id: a-safety, name: Safety, channel: sms}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("enterpriseContacts.ent-a[0]");
    }

    // ---- issue 21 (messages): a person's message language, Chinese unless they ask for English ----

    @Test
    void peopleAndEnterpriseContactsReadChineseUnlessTheyAskForEnglish() throws IOException {
        AlertingPolicy policy = load("""
                people:
                  - {id: zhang-wei, name: Zhang Wei, channel: sms, address: "+8613800000001"}
                  - {id: mary, name: Mary, channel: sms, address: "+8613800000002", language: en}
                enterpriseContacts:
                  ent-a:
                    - {id: ent-a-safety, name: Safety, channel: sms, address: "+8613800000101", language: EN}
                """);

        assertThat(NotificationText.languagesOf(policy)).isEqualTo(Map.of("zhang-wei", Language.ZH, "mary", Language.EN,
                "ent-a-safety", Language.EN));
    }

    @Test
    void anUnknownLanguageIsRefusedNamingTheField() {
        assertThatThrownBy(() -> load("""
                people:
                  - {id: mary, name: Mary, channel: sms, address: "+8613800000002", language: fr}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("people[0].language: 'fr' is not zh or en");
        assertThatThrownBy(() -> load("""
                enterpriseContacts:
                  ent-a:
                    - {id: s, name: S, channel: sms, address: "+8613800000101", language: de}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("enterpriseContacts.ent-a[0].language: 'de' is not zh or en");
    }
}
