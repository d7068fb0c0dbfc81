package io.hazardwatch.alerts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code voice:} block and {@code people[].phone} of the alerting policy file: defaults, hours, bad values named. */
class VoicePolicyTest {

    private static final String BASE = """
            escalation:
              steps:
                - {role: GRID_MEMBER, after: PT0S}
            """;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private AlertingPolicy load(String extra) throws IOException {
        return AlertingPolicy.load(Files.writeString(dir.resolve("alerting.yaml"), BASE + extra), "alert.policy.file");
    }

    @Test
    void withoutAVoiceBlockLevelTwoIsCalledFromTenAtNightToSevenEveryTwoMinutesFiveTimes() throws IOException {
        assertThat(load("").voice()).isEqualTo(new VoicePolicy(LocalTime.of(22, 0), LocalTime.of(7, 0),
                AlarmLevel.SECOND, Duration.ofMinutes(2), 5));
    }

    @Test
    void theBlockAndPhonesAreRead() throws IOException {
        AlertingPolicy policy = load("""
                voice: {from: "23:30", to: "06:00", minLevel: FIRST, retryEvery: PT3M, maxCalls: 3}
                people:
                  - {id: li-na, name: Li Na, channel: sms, address: "+8613800000002", phone: "+8613800000002"}
                  - {id: chen, name: Chen, channel: wecom, address: east}
                """);
        assertThat(policy.voice()).isEqualTo(new VoicePolicy(LocalTime.of(23, 30), LocalTime.of(6, 0),
                AlarmLevel.FIRST, Duration.ofMinutes(3), 3));
        assertThat(policy.people()).extracting(AlertingPolicy.Person::phone).containsExactly("+8613800000002", null);
    }

    @Test
    void theDeployedPolicyRingsTheNightMember() {
        AlertingPolicy deployed = AlertingPolicy.load(Path.of("../deploy/config/alerting.yaml"), "alert.policy.file");
        assertThat(deployed.voice().minLevel()).isEqualTo(AlarmLevel.SECOND);
        assertThat(deployed.people()).filteredOn(p -> "li-na".equals(p.id())).singleElement()
                .satisfies(p -> assertThat(p.phone()).isEqualTo("+8613800000002"));
    }

    @Test
    void badValuesNameTheirField() {
        assertThatThrownBy(() -> load("""
                people:
                  - {id: li-na, name: Li Na, channel: sms, address: x, phone: "13800000002"}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("people[0].phone");
        assertThatThrownBy(() -> load("voice: {maxCalls: 99}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("voice.maxCalls");
        assertThatThrownBy(() -> load("voice: {retryEvery: PT0S}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("voice.retryEvery");
        assertThatThrownBy(() -> load("voice: {ring: true}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ring");
    }

    @Test
    void theHoursRunPastMidnightInTheParkTimeZone() {
        VoicePolicy night = VoicePolicy.defaults().validated();
        // 22:00 in Shanghai is 14:00 UTC
        assertThat(night.covers(Instant.parse("2026-11-24T13:59:59Z"), SHANGHAI)).isFalse();
        assertThat(night.covers(Instant.parse("2026-11-24T14:00:00Z"), SHANGHAI)).isTrue();
        assertThat(night.covers(Instant.parse("2026-11-24T16:30:00Z"), SHANGHAI)).as("00:30").isTrue();
        assertThat(night.covers(Instant.parse("2026-11-24T22:59:59Z"), SHANGHAI)).as("06:59:59").isTrue();
        assertThat(night.covers(Instant.parse("2026-11-24T23:00:00Z"), SHANGHAI)).as("07:00").isFalse();
        VoicePolicy allDay = new VoicePolicy(LocalTime.NOON, LocalTime.NOON, null, null, 0).validated();
        assertThat(allDay.covers(Instant.parse("2026-11-24T04:00:00Z"), SHANGHAI)).isTrue();
    }
}
