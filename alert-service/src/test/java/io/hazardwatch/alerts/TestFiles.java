package io.hazardwatch.alerts;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Config files for tests: the users (every password {@link TestRegistry#PASSWORD}, bcrypt cost 4) and an
 * alerting policy whose delays are given in milliseconds, with one person per rung and grid cell on the
 * {@code push} channel (address = person id).
 */
final class TestFiles {

    static final String PASSWORD = TestRegistry.PASSWORD;
    /** bcrypt of "s3cret" at cost 4 (the same as TestRegistry's). */
    private static final String HASH = "$2a$04$AJeSp2XDSuVHmDoAX.5xHuYCb4rccjlQ1ET1RlVUmgRPsiXxi3KZq";

    static final String USERS = """
            users:
              - {username: duty, role: DUTY_OFFICER, passwordHash: "%1$s"}
              - {username: admin, role: ADMIN, passwordHash: "%1$s"}
              - {username: grid1, role: GRID_STAFF, gridCells: [grid-1], passwordHash: "%1$s"}
              - {username: grid2, role: GRID_STAFF, gridCells: [grid-2], passwordHash: "%1$s"}
              - {username: ent-a-viewer, role: ENTERPRISE, enterprise: ent-a, passwordHash: "%1$s"}
              - {username: ent-b-viewer, role: ENTERPRISE, enterprise: ent-b, passwordHash: "%1$s"}
            """.formatted(HASH);

    private TestFiles() {
    }

    /** Escalation: member at once, leader after {@code leaderMs}, squad after {@code squadMs}; reminders every {@code remindMs}. */
    static String policy(long leaderMs, long squadMs, long remindMs, long stormMs) {
        return """
                timezone: Asia/Shanghai
                escalation:
                  steps:
                    - {role: GRID_MEMBER, after: PT0S}
                    - {role: GRID_LEADER, after: PT%1$sS}
                    - {role: SQUAD, after: PT%2$sS}
                  remindEvery: PT%3$sS
                  maxReminders: 3
                retry: {first: PT0.2S, max: PT1S, attempts: 5}
                stormWindow: PT%4$sS
                people:
                  - {id: member-1, name: Member One, channel: push, address: member-1}
                  - {id: member-2, name: Member Two, channel: push, address: member-2}
                  - {id: leader-1, name: Leader One, channel: push, address: leader-1}
                  - {id: leader-2, name: Leader Two, channel: push, address: leader-2}
                  - {id: squad, name: Squad, channel: push, address: squad}
                rotas:
                  - {role: GRID_MEMBER, cells: [grid-1], shifts: [{person: member-1, from: "00:00", to: "00:00"}]}
                  - {role: GRID_MEMBER, cells: [grid-2], shifts: [{person: member-2, from: "00:00", to: "00:00"}]}
                  - {role: GRID_LEADER, cells: [grid-1], shifts: [{person: leader-1, from: "00:00", to: "00:00"}]}
                  - {role: GRID_LEADER, cells: [grid-2], shifts: [{person: leader-2, from: "00:00", to: "00:00"}]}
                  - {role: SQUAD, cells: ["*"], shifts: [{person: squad, from: "00:00", to: "00:00"}]}
                """.formatted(seconds(leaderMs), seconds(squadMs), seconds(remindMs), seconds(stormMs));
    }

    /** A policy whose escalation never gets past the grid member within a test (1 hour delays). */
    static String quietPolicy() {
        return policy(3_600_000, 7_200_000, 3_600_000, 0);
    }

    /** Writes registry, users and policy into {@code dir}; the config with the given extra settings. */
    static AlertServiceConfig config(Path dir, String policy, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>();
        all.put("registry.file", TestRegistry.write(dir).toString());
        all.put("alert.users.file", write(dir.resolve("users.yaml"), USERS).toString());
        all.put("alert.policy.file", write(dir.resolve("alerting.yaml"), policy).toString());
        all.put("alert.http.port", "0");
        all.put("alert.tick-ms", "50");
        // no daily safety commitment asked unless a test asks for it: else every test after the park's 09:00 would
        // see a COMMITMENT_MISSING incident per enterprise (CommitmentsIT sets it)
        all.put("commitments.required", "false");
        // tests do not write their incidents into the shared InfluxDB's database (IncidentMarksIT uses its own)
        all.put("influx.incidents", "false");
        all.putAll(TestEnv.influxLoginSettings()); // issue 16: the shared InfluxDB's login, if it has one
        all.putAll(settings);
        return AlertServiceConfig.from(Settings.of(all));
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seconds(long millis) {
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
