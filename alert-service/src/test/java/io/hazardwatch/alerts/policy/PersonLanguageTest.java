package io.hazardwatch.alerts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.outbox.NotificationText;
import io.hazardwatch.alerts.outbox.text.Language;
import io.hazardwatch.model.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person's message language (issue 21): Chinese unless they ask for English; anything else stops the policy. */
class PersonLanguageTest {

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
