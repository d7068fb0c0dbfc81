package io.hazardwatch.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertServiceConfigTest {

    @TempDir
    Path dir;

    @Test
    void usesTheDocumentedDefaults() {
        Path registry = TestRegistry.write(dir);

        Map<String, String> files = otherFiles();
        AlertServiceConfig config = AlertServiceConfig.from(Settings.of(Map.of("registry.file", registry.toString(),
                "alert.users.file", files.get("alert.users.file"), "alert.policy.file", files.get("alert.policy.file"))));

        // the acknowledge links' secret is random per start on a loopback board (issue 21): compared apart
        assertThat(config.ackLinks().random()).isTrue();
        assertThat(config.ackLinks().validFor()).isEqualTo(java.time.Duration.ofHours(24));
        assertThat(config.ackLinks().perMinute()).isEqualTo(30);
        assertThat(config.withAckLinks(null)).isEqualTo(new AlertServiceConfig("127.0.0.1:9092", Topics.ALARMS, Topics.INCIDENT_STATE,
                Topics.INCIDENT_EVENTS, registry, Path.of(files.get("alert.users.file")),
                Path.of(files.get("alert.policy.file")), "127.0.0.1", 8080, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(30), Map.of(), java.time.Duration.ofDays(30),
                new io.hazardwatch.notify.config.NotifierConfig(null, null, null, java.util.List.of(), null, null, null, null,
                        null, null)).withAckLinks(null));
    }

    @Test
    void webhookChannelsNeedAUrlAndMayBeSignedWithASecretThatIsNeverPrinted() {
        AlertServiceConfig config = load(Map.of("alert.notify.channels", "push, dispatch",
                "alert.notify.push.url", "http://127.0.0.1:9/push",
                "alert.notify.dispatch.url", "https://dispatch.example/hook",
                "alert.notify.dispatch.secret", "top-secret"));

        assertThat(config.httpChannels()).containsOnlyKeys("push", "dispatch");
        assertThat(config.httpChannels().get("dispatch").secret()).isEqualTo("top-secret");
        assertThat(config.toString()).doesNotContain("top-secret");
        assertThatThrownBy(() -> load(Map.of("alert.notify.channels", "sms")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.notify.sms.url:");
    }

    @Test
    void aProviderTimeoutTooShortForSmsFailoverNamesItsKey() {
        Map<String, String> twoProviders = new java.util.HashMap<>(Map.of("notify.sms.provider", "aliyun, twilio",
                "notify.sms.aliyun.access-key-id", "id", "notify.sms.aliyun.access-key-secret", "k",
                "notify.sms.sign-name", "s", "notify.sms.template-code", "SMS_1",
                "notify.sms.template-params", "{\"a\":\"${subject}\"}",
                "notify.sms.twilio.account-sid", "AC1", "notify.sms.twilio.auth-token", "t",
                "notify.sms.twilio.from", "+15005550006", "notify.timeout-seconds", "15"));
        twoProviders.put("alert.notify.timeout-ms", "30000");

        assertThatThrownBy(() -> load(twoProviders)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("alert.notify.timeout-ms: 30000 ms leaves no time")
                .hasMessageContaining("set it above 30000");
        twoProviders.put("alert.notify.timeout-ms", "31000");
        assertThat(load(twoProviders).notifiers().smsWorstCase()).isEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void theIncidentLimitsHaveDefaultsAndACommentLimitAboveWhatTheStateRecordHoldsNamesItsKey() {
        assertThat(load(Map.of()).limits()).isEqualTo(IncidentLimits.DEFAULTS);
        assertThat(load(Map.of("alert.comment.max-chars", "2000", "alert.store.failing-after-ms", "3000",
                "alert.store.command-wait-ms", "1500")).limits()).isEqualTo(new IncidentLimits(2000,
                java.time.Duration.ofSeconds(3), java.time.Duration.ofMillis(1500)));
        assertThatThrownBy(() -> load(Map.of("alert.comment.max-chars", "60000")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.comment.max-chars: 60000 is out of range");
    }

    @Test
    void aMissingUsersFileNamesItsKey() {
        assertThatThrownBy(() -> load(Map.of("alert.users.file", dir.resolve("nope.yaml").toString())))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.users.file:");
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path registry = TestRegistry.write(dir);
        Path file = java.nio.file.Files.writeString(dir.resolve("alert.properties"),
                "registry.file=" + registry + "\nalert.http.port=8081\nkafka.bootstrap=kafka-1:9092,kafka-2:9092\n"
                + "alert.users.file=" + otherFiles().get("alert.users.file") + "\n"
                + "alert.policy.file=" + otherFiles().get("alert.policy.file") + "\n");

        AlertServiceConfig config = AlertServiceConfig.from(Settings.load(file, Map.of("HW_ALERT_HTTP_PORT", "0")));

        assertThat(config.httpPort()).isZero();
        assertThat(config.kafkaBootstrap()).isEqualTo("kafka-1:9092,kafka-2:9092");
    }

    @Test
    void aPortThatIsNotANumberNamesItsKey() {
        assertThatThrownBy(() -> load(Map.of("alert.http.port", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.http.port:");
        assertThatThrownBy(() -> load(Map.of("alert.http.port", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.http.port:");
    }

    @Test
    void aBootstrapWithoutPortNamesItsKey() {
        assertThatThrownBy(() -> load(Map.of("kafka.bootstrap", "localhost")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("kafka.bootstrap:");
        assertThatThrownBy(() -> load(Map.of("kafka.bootstrap", "127.0.0.1:9092,127.0.0.1:0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("kafka.bootstrap:");
    }

    @Test
    void anInvalidTopicNameNamesItsKey() {
        assertThatThrownBy(() -> load(Map.of("topic.alarms", "alarms/v1")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("topic.alarms:");
    }

    @Test
    void theWatchdogsNumbersAndTopicHaveDefaultsAndOverridesAndABadOneNamesItsKey() {
        assertThat(load(Map.of()).watchdog()).isEqualTo(WatchdogConfig.defaults());
        assertThat(WatchdogConfig.defaults().heartbeatsTopic()).isEqualTo(Topics.HEARTBEATS);
        WatchdogConfig watchdog = load(Map.of("topic.heartbeats", "hb.test", "alert.watchdog.detection-silence-ms", "5000",
                "alert.watchdog.grid-cell", "grid-1")).watchdog();
        assertThat(watchdog.heartbeatsTopic()).isEqualTo("hb.test");
        assertThat(watchdog.detectionSilence()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(watchdog.gridCell()).isEqualTo("grid-1");
        assertThatThrownBy(() -> load(Map.of("alert.watchdog.detection-lag-ms", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.watchdog.detection-lag-ms:");
        assertThatThrownBy(() -> load(Map.of("topic.heartbeats", "heart beats")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("topic.heartbeats:");
    }

    @Test
    void anInvalidHostNamesItsKey() {
        assertThatThrownBy(() -> load(Map.of("alert.http.host", "http://localhost")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("alert.http.host:");
    }

    @Test
    void aMissingRegistryFileNamesItsKey() {
        assertThatThrownBy(() -> load(Map.of("registry.file", dir.resolve("nope.yaml").toString())))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("registry.file:");
    }

    private AlertServiceConfig load(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(otherFiles());
        all.put("registry.file", TestRegistry.write(dir).toString());
        all.putAll(values);
        return AlertServiceConfig.from(Settings.of(all));
    }

    /** The users and policy files (only their existence is checked here; their content by the service start). */
    private Map<String, String> otherFiles() {
        try {
            return Map.of("alert.users.file", java.nio.file.Files.writeString(dir.resolve("users.yaml"), "users: []\n").toString(),
                    "alert.policy.file", java.nio.file.Files.writeString(dir.resolve("alerting.yaml"), "{}\n").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
