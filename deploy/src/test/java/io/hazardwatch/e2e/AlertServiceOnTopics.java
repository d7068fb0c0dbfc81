package io.hazardwatch.e2e;

import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.logins.Passwords;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The alert service alone on the real broker, on fresh topics named {@code <prefix>.*}: the test registry, one duty
 * officer {@code duty} with the given password, escalation to the grid member at once; {@code extra} settings are
 * added (and win). For the board's Chromium tests that need no gateway or job.
 */
final class AlertServiceOnTopics {

    /** The started service and the alarms topic it reads. */
    record Started(AlertServiceApp app, String alarmsTopic) {
    }

    private AlertServiceOnTopics() {
    }

    static Started start(Vertx vertx, Path dir, String prefix, String dutyPassword, Map<String, String> extra)
            throws Exception {
        String registry = Files.writeString(dir.resolve("registry.yaml"), TestRegistry.YAML).toString();
        Path users = Files.writeString(dir.resolve("users.yaml"), """
                users:
                  - {username: duty, role: DUTY_OFFICER, passwordHash: "%s"}
                """.formatted(Passwords.hash(dutyPassword)));
        Path policy = Files.writeString(dir.resolve("alerting.yaml"),
                "escalation:\n  steps:\n    - {role: GRID_MEMBER, after: PT0S}\n");
        String alarms = KafkaTestTopics.create(prefix + ".alarms", 1);
        Map<String, String> settings = new HashMap<>(Map.ofEntries(
                Map.entry("alert.http.port", "0"), Map.entry("kafka.bootstrap", TestEnv.kafkaBootstrap()),
                Map.entry("registry.file", registry), Map.entry("alert.users.file", users.toString()),
                Map.entry("alert.policy.file", policy.toString()), Map.entry("topic.alarms", alarms),
                Map.entry("topic.incident-state", KafkaTestTopics.create(prefix + ".incident-state", 1)),
                Map.entry("topic.incident-events", KafkaTestTopics.create(prefix + ".incident-events", 1))));
        settings.putAll(extra);
        AlertServiceApp app = AlertServiceApp.start(vertx, AlertServiceConfig.from(Settings.of(settings))).await();
        app.loaded().await();
        return new Started(app, alarms);
    }
}
