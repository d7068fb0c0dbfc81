package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.deploy.CreateTopics;
import io.hazardwatch.ingest.IngestApp;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.logins.Passwords;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.streamjobs.app.LocalJobs;
import io.hazardwatch.streamjobs.app.LocalMain;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.PrivateKafkaBroker;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spine with Kafka as the one-machine stack runs it: logins and ACLs, the stack's topic names, and every
 * service logged in as its own principal ({@code kafka.client-properties-file}) — a leak published over MQTT still
 * reaches the board, so the ACLs that {@code topics create} grants are all the gateway, the jobs and the alert
 * service need.
 */
@Timeout(240)
class ServicePrincipalsIT {

    private static final String ALERT_PASSWORD = "principals-duty";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PrivateKafkaBroker kafka;
    private static LocalStack stack;

    @BeforeAll
    static void startTheStackWithLogins(@TempDir Path dir) throws Exception {
        kafka = PrivateKafkaBroker.startWithAuth(dir.resolve("kafka"));
        try (PrintStream quiet = new PrintStream(PrintStream.nullOutputStream())) {
            CreateTopics.create(kafka.bootstrap(), kafka.clientAuth("admin"), quiet); // bin/hw topics create, as admin
        }
        String registry = TestRegistry.write(dir).toString();
        String influxDatabase = "principals_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Vertx vertx = Vertx.vertx();
        IngestApp ingest = IngestApp.start(vertx, IngestConfig.from(Settings.of(Map.of(
                "mqtt.port", "0", "http.port", "0", "kafka.bootstrap", kafka.bootstrap(), "registry.file", registry,
                KafkaClientAuth.KEY, kafka.clientPropertiesFile("ingest"))))).await();
        Path users = Files.writeString(dir.resolve("users.yaml"), "users:\n  - {username: duty, role: DUTY_OFFICER,"
                + " passwordHash: \"" + Passwords.hash(ALERT_PASSWORD) + "\"}\n");
        Path policy = Files.writeString(dir.resolve("alerting.yaml"),
                "escalation:\n  steps:\n    - {role: GRID_MEMBER, after: PT0S}\n");
        AlertServiceApp alerts = AlertServiceApp.start(vertx, AlertServiceConfig.from(Settings.of(Map.of(
                "alert.http.port", "0", "kafka.bootstrap", kafka.bootstrap(), "registry.file", registry,
                "alert.users.file", users.toString(), "alert.policy.file", policy.toString(),
                "commitments.required", "false",
                "influx.url", TestEnv.influxUrl(), "influx.database", influxDatabase,
                KafkaClientAuth.KEY, kafka.clientPropertiesFile("alerts"))))).await();
        StreamJobsConfig jobConfig = StreamJobsConfig.from(Settings.of(Map.of(
                "kafka.bootstrap", kafka.bootstrap(), "registry.file", registry,
                "influx.url", TestEnv.influxUrl(), "influx.database", influxDatabase,
                "checkpoint.dir", dir.resolve("checkpoints").toString(), "checkpoint.interval-ms", "2000",
                "flink.rest.port", Integer.toString(FreePort.find()),
                KafkaClientAuth.KEY, kafka.clientPropertiesFile("jobs"))));
        stack = LocalStack.of(vertx, influxDatabase, ingest, alerts, LocalJobs.start(LocalMain.localCluster(jobConfig), jobConfig));
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void aLeakReachesTheBoardWithEveryServiceLoggedInAsItself() throws Exception {
        stack.publish(TestRegistry.ENT_A_GAS, new double[] {4, 18, 36, 52, 58},
                Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5));

        JsonNode alarm = LocalStack.await(Duration.ofSeconds(120), () -> secondLevelAlarm("ent-a/tank-1/lel-1/THRESHOLD"));

        assertThat(alarm.get("value").asDouble()).isEqualTo(52);
    }

    private static Optional<JsonNode> secondLevelAlarm(String alarmKey) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.alertPort() + "/api/alarms/active"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("duty:" + ALERT_PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
            for (JsonNode alarm : Json.MAPPER.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body())) {
                if (alarm.get("alarmKey").asText().equals(alarmKey) && alarm.get("level").asText().equals("SECOND")) {
                    return Optional.of(alarm);
                }
            }
        } catch (Exception notYet) {
            // the service may still be starting
        }
        return Optional.empty();
    }
}
