package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.deploy.CreateTopics;
import io.hazardwatch.ingest.IngestApp;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.logins.Passwords;
import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Topics;
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
import java.net.URLEncoder;
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
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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
    private static Vertx vertx;
    private static IngestApp ingest;
    private static AlertServiceApp alerts;
    private static LocalJobs jobs;
    private static String influxDatabase;

    @BeforeAll
    static void startTheStackWithLogins(@TempDir Path dir) throws Exception {
        kafka = PrivateKafkaBroker.startWithAuth(dir.resolve("kafka"));
        createTopicsAndAcls();
        String registry = TestRegistry.write(dir).toString();
        influxDatabase = "principals_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        vertx = Vertx.vertx();
        ingest = IngestApp.start(vertx, IngestConfig.from(Settings.of(Map.of(
                "mqtt.port", "0", "http.port", "0", "kafka.bootstrap", kafka.bootstrap(), "registry.file", registry,
                KafkaClientAuth.KEY, kafka.clientPropertiesFile("ingest"))))).await();
        Path users = Files.writeString(dir.resolve("users.yaml"), "users:\n  - {username: duty, role: DUTY_OFFICER,"
                + " passwordHash: \"" + Passwords.hash(ALERT_PASSWORD) + "\"}\n");
        Path policy = Files.writeString(dir.resolve("alerting.yaml"),
                "escalation:\n  steps:\n    - {role: GRID_MEMBER, after: PT0S}\n");
        alerts = AlertServiceApp.start(vertx, AlertServiceConfig.from(Settings.of(Map.of(
                "alert.http.port", "0", "kafka.bootstrap", kafka.bootstrap(), "registry.file", registry,
                "alert.users.file", users.toString(), "alert.policy.file", policy.toString(),
                "commitments.required", "false", "influx.url", TestEnv.influxUrl(), "influx.database", influxDatabase,
                KafkaClientAuth.KEY, kafka.clientPropertiesFile("alerts"))))).await();
        StreamJobsConfig jobConfig = StreamJobsConfig.from(Settings.of(Map.of(
                "kafka.bootstrap", kafka.bootstrap(), "registry.file", registry,
                "influx.url", TestEnv.influxUrl(), "influx.database", influxDatabase,
                "checkpoint.dir", dir.resolve("checkpoints").toString(), "checkpoint.interval-ms", "2000",
                "flink.rest.port", Integer.toString(FreePort.find()),
                KafkaClientAuth.KEY, kafka.clientPropertiesFile("jobs"))));
        jobs = LocalJobs.start(LocalMain.localCluster(jobConfig), jobConfig);
    }

    /** {@code bin/hw topics create}, as admin: the stack's topics and each service's ACLs. */
    private static void createTopicsAndAcls() throws Exception {
        try (PrintStream quiet = new PrintStream(PrintStream.nullOutputStream())) {
            CreateTopics.create(kafka.bootstrap(), kafka.clientAuth("admin"), quiet);
        }
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        try {
            if (jobs != null) {
                jobs.close();
            }
            if (alerts != null) {
                alerts.stop().await();
            }
            if (ingest != null) {
                ingest.stop().await();
            }
            if (vertx != null) {
                vertx.close().await();
            }
            query(TestEnv.influxUrl() + "/query?q=" + URLEncoder.encode("DROP DATABASE " + influxDatabase,
                    StandardCharsets.UTF_8), null, "POST");
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void aLeakReachesTheBoardWithEveryServiceLoggedInAsItself() throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + ingest.mqttPort(),
                "principals-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(TestRegistry.ENT_A_USER);
        options.setPassword(TestRegistry.PASSWORD.toCharArray());
        client.connect(options);
        double[] leak = {4, 18, 36, 52, 58};
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(leak.length);
        for (int i = 0; i < leak.length; i++) {
            DeviceMessage reading = DeviceMessage.reading(TestRegistry.ENT_A_GAS, leak[i], "%LEL", start.plusSeconds(i));
            client.publish(Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE), Json.toBytes(reading), 1, false);
        }
        client.disconnect();
        client.close();

        JsonNode alarm = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (alarm == null && System.nanoTime() < deadline) {
            alarm = secondLevelAlarm("ent-a/tank-1/lel-1/THRESHOLD");
            Thread.sleep(250);
        }
        assertThat(alarm).as("the leak's SECOND-level alarm on the board").isNotNull();
        assertThat(alarm.get("value").asDouble()).isEqualTo(52);
    }

    private static JsonNode secondLevelAlarm(String alarmKey) {
        try {
            String body = query("http://127.0.0.1:" + alerts.httpPort() + "/api/alarms/active",
                    "Basic " + Base64.getEncoder().encodeToString(("duty:" + ALERT_PASSWORD).getBytes(StandardCharsets.UTF_8)),
                    "GET");
            for (JsonNode alarm : Json.MAPPER.readTree(body)) {
                if (alarm.get("alarmKey").asText().equals(alarmKey) && alarm.get("level").asText().equals("SECOND")) {
                    return alarm;
                }
            }
        } catch (Exception notYet) {
            // the service may still be starting
        }
        return null;
    }

    private static String query(String url, String authorization, String method) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
