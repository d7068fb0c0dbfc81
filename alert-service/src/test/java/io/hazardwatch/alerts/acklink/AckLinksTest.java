package io.hazardwatch.alerts.acklink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AckLinksTest {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    private static final AckLinkConfig CONFIG = new AckLinkConfig(Secret.of("0123456789abcdef0123456789abcdef"), false,
            Duration.ofHours(24), 30);

    private final MovableClock clock = new MovableClock(T0);
    private final AckLinks links = new AckLinks(CONFIG, "https://board.example.cn", clock);

    private static Incident incident(String sensor) {
        return Incident.open(new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/tank-1/" + sensor + "/THRESHOLD", "ent-a", "tank-1",
                sensor, SensorType.AMMONIA, AlarmEvent.THRESHOLD, AlarmLevel.SECOND, AlarmTransition.RAISED, 43, 40.0,
                "ppm", "r", 1, T0, T0, T0), "grid-1", T0);
    }

    private final Incident a = incident("nh3-01");
    private final Incident b = incident("nh3-02");
    private final List<Incident> open = List.of(a, b);
    private final List<String> people = List.of("zhang-wei", "li-na");

    @Test
    void aTokenOpensItsIncidentForItsPersonOnlyUntilItExpires() {
        String token = links.token(b.id(), "li-na");

        assertThat(token).hasSize(AckToken.LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(links.url(token)).isEqualTo("https://board.example.cn/ack/" + token);
        AckLinks.Verdict verdict = links.check(token, open, people);
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.incident().id()).isEqualTo(b.id());
        assertThat(verdict.person()).isEqualTo("li-na");
        assertThat(verdict.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));

        clock.set(T0.plus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(links.check(token, open, people).valid()).isTrue();
        clock.set(T0.plus(Duration.ofHours(24)));
        assertThat(links.check(token, open, people).refusal()).isEqualTo(AckLinks.Refusal.EXPIRED);
    }

    @Test
    void aTamperedForeignOrMalformedTokenIsInvalid() {
        String token = links.token(a.id(), "zhang-wei");
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String later = token.substring(0, 14) + (token.charAt(14) == 'z' ? 'y' : 'z') + token.substring(15); // the expiry
        AckLinks other = new AckLinks(new AckLinkConfig(Secret.of("another-secret-another-secret-xx"), false,
                Duration.ofHours(24), 30), "https://board.example.cn", clock);

        assertThat(links.check(tampered, open, people).refusal()).isEqualTo(AckLinks.Refusal.INVALID);
        assertThat(links.check(later, open, people).refusal()).isEqualTo(AckLinks.Refusal.INVALID);
        assertThat(links.check(other.token(a.id(), "zhang-wei"), open, people).refusal()).isEqualTo(AckLinks.Refusal.INVALID);
        assertThat(links.check("../api/incidents", open, people).refusal()).isEqualTo(AckLinks.Refusal.INVALID);
        assertThat(links.check(null, open, people).refusal()).isEqualTo(AckLinks.Refusal.INVALID);
        assertThat(links.check(token, List.of(b), people).refusal()).as("its incident is gone").isEqualTo(AckLinks.Refusal.INVALID);
        assertThat(links.check(token, open, List.of("li-na")).refusal()).as("its person is gone").isEqualTo(AckLinks.Refusal.INVALID);
    }

    @Test
    void aUsedTokenOrAnAcknowledgedIncidentIsRefusedAsUsed() {
        String token = links.token(a.id(), "zhang-wei");
        links.used(token, T0.plus(Duration.ofHours(24)));
        assertThat(links.check(token, open, people).refusal()).isEqualTo(AckLinks.Refusal.USED);

        String other = links.token(b.id(), "zhang-wei");
        Incident acknowledged = b.acknowledge("duty", T0);
        assertThat(links.check(other, List.of(a, acknowledged), people).refusal()).isEqualTo(AckLinks.Refusal.USED);
    }

    @Test
    void theSecretIsRequiredOffLoopbackAtLeastThirtyTwoCharactersAndRandomOnLoopback() {
        assertThatThrownBy(() -> AckLinkConfig.from(Settings.of(Map.of()), "https://board.example.cn/"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alert.ack.secret: required");
        assertThatThrownBy(() -> AckLinkConfig.from(Settings.of(Map.of("alert.ack.secret", "short")), "https://x.cn/"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alert.ack.secret: at least 32");
        assertThatThrownBy(() -> AckLinkConfig.from(Settings.of(Map.of("alert.ack.expiry-hours", "0")), "http://127.0.0.1:8080/"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alert.ack.expiry-hours");
        AckLinkConfig local = AckLinkConfig.from(Settings.of(Map.of()), "http://127.0.0.1:8080/");
        assertThat(local.random()).isTrue();
        assertThat(local.secret().reveal()).hasSize(64).isNotEqualTo(AckLinkConfig.from(Settings.of(Map.of()),
                "http://localhost:8080/").secret().reveal());
        AckLinkConfig set = AckLinkConfig.from(Settings.of(Map.of("alert.ack.secret", "0123456789abcdef0123456789abcdef",
                "alert.ack.expiry-hours", "12")), "https://board.example.cn/");
        assertThat(set.random()).isFalse();
        assertThat(set.validFor()).isEqualTo(Duration.ofHours(12));
        assertThat(set.toString()).doesNotContain("0123456789abcdef");
    }
}
