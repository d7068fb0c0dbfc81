package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.ingest.IngestApp;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.logins.Passwords;
import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.streamjobs.app.LocalJobs;
import io.hazardwatch.streamjobs.app.LocalMain;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spine through every real part: a Paho client publishes a leak over MQTT to the gateway, which puts
 * the readings on Kafka; the Flink job (local MiniCluster) raises the alarm onto Kafka and stores the
 * readings in InfluxDB; the alert service shows the alarm on its API.
 */
@Timeout(180)
class EndToEndIT {

    private static final String ALERT_PASSWORD = "e2e-duty";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static IngestApp ingest;
    private static AlertServiceApp alerts;
    private static LocalJobs jobs;
    private static String influxDatabase;

    @BeforeAll
    static void startTheStack(@TempDir Path dir) throws Exception {
        String readings = KafkaTestTopics.create("e2e.readings", 2);
        String alarms = KafkaTestTopics.create("e2e.alarms", 2);
        String deadLetter = KafkaTestTopics.create("e2e.deadletter", 1);
        influxDatabase = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String registry = TestRegistry.write(dir).toString();
        vertx = Vertx.vertx();

        ingest = IngestApp.start(vertx, IngestConfig.from(Settings.of(Map.of(
                "mqtt.port", "0", "http.port", "0", "kafka.bootstrap", TestEnv.kafkaBootstrap(), "registry.file", registry,
                "topic.readings", readings, "topic.deadletter", deadLetter)))).await();
        // the alert service keeps incidents in its own fresh topics and needs a login (a duty officer here)
        Path users = Files.writeString(dir.resolve("users.yaml"),
                "users:\n  - {username: duty, role: DUTY_OFFICER, passwordHash: \""
                        + Passwords.hash(ALERT_PASSWORD) + "\"}\n");
        Path policy = Files.writeString(dir.resolve("alerting.yaml"),
                "escalation:\n  steps:\n    - {role: GRID_MEMBER, after: PT0S}\n");
        alerts = AlertServiceApp.start(vertx, AlertServiceConfig.from(Settings.of(Map.of(
                "alert.http.port", "0", "kafka.bootstrap", TestEnv.kafkaBootstrap(), "registry.file", registry,
                "topic.alarms", alarms, "alert.users.file", users.toString(), "alert.policy.file", policy.toString(),
                "topic.incident-state", KafkaTestTopics.create("e2e.incident-state", 1),
                "topic.incident-events", KafkaTestTopics.create("e2e.incident-events", 1))))).await();

        StreamJobsConfig jobConfig = StreamJobsConfig.from(Settings.of(LocalStack.withInfluxLogin(LocalStack.withCheckpointsIn(dir, Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(), "registry.file", registry,
                "topic.readings", readings, "topic.alarms", alarms, "stream.group-id", "e2e-" + UUID.randomUUID(),
                "topic.rules", KafkaTestTopics.create("e2e.rules", 1),
                "influx.url", TestEnv.influxUrl(), "influx.database", influxDatabase,
                "checkpoint.interval-ms", "2000", "flink.rest.port", Integer.toString(FreePort.find()))))));
        jobs = LocalJobs.start(LocalMain.localCluster(jobConfig), jobConfig);
    }

    @AfterAll
    static void stopTheStack() throws Exception {
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
        influxQuery("DROP DATABASE " + influxDatabase);
    }

    @Test
    void aLeakPublishedOverMqttReachesTheBoardAsASecondLevelAlarmAndEveryReadingIsInInfluxDb() throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + ingest.mqttPort(), "e2e-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(TestRegistry.ENT_A_USER);
        options.setPassword(TestRegistry.PASSWORD.toCharArray());
        client.connect(options);

        double[] leak = {4, 9, 18, 27, 36, 44, 52, 58};
        // event time has millisecond resolution in the stream job (Flink timestamps)
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(leak.length);
        for (int i = 0; i < leak.length; i++) {
            DeviceMessage reading = DeviceMessage.reading(TestRegistry.ENT_A_GAS, leak[i], "%LEL", start.plusSeconds(i));
            client.publish(Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE), Json.toBytes(reading), 1, false);
        }
        client.disconnect();

        JsonNode alarm = await(Duration.ofSeconds(90), () -> activeAlarm("ent-a/tank-1/lel-1/THRESHOLD")
                .filter(a -> a.get("level").asText().equals("SECOND")));
        assertThat(alarm.get("value").asDouble()).isEqualTo(52);
        assertThat(alarm.get("threshold").asDouble()).isEqualTo(50);
        assertThat(alarm.get("gridCell").asText()).isEqualTo("grid-1");
        assertThat(Instant.parse(alarm.get("raisedAt").asText())).isEqualTo(start.plusSeconds(3));

        JsonNode stored = await(Duration.ofSeconds(60), () -> {
            JsonNode series = influxQuery("SELECT count(value) FROM reading WHERE sensor='lel-1'")
                    .at("/results/0/series/0/values/0/1");
            return series.isMissingNode() || series.asInt() < leak.length ? Optional.empty() : Optional.of(series);
        });
        assertThat(stored.asInt()).isEqualTo(leak.length);
        JsonNode max = influxQuery("SELECT max(value) FROM reading WHERE sensor='lel-1' AND enterprise='ent-a'")
                .at("/results/0/series/0/values/0/1");
        assertThat(max.asDouble()).isEqualTo(58);
    }

    private static Optional<JsonNode> activeAlarm(String alarmKey) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + alerts.httpPort() + "/api/alarms/active"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                    ("duty:" + ALERT_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode alarm : Json.MAPPER.readTree(response.body())) {
                if (alarm.get("alarmKey").asText().equals(alarmKey)) {
                    return Optional.of(alarm);
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static JsonNode influxQuery(String query) {
        try {
            String url = TestEnv.influxUrl() + "/query?db=" + influxDatabase + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
            HttpResponse<String> response = HTTP.send(TestEnv.influxRequest(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("InfluxDB query failed: " + query, e);
        }
    }

    private static <T> T await(Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + timeout);
    }
}
