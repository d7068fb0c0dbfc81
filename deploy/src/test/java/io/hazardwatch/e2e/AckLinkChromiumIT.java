package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.model.Json;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 21: an on-call grid member away from the board acknowledges an alarm from the message itself. A level-2
 * alarm reaches the alert service; the grid member's message goes out through a local provider stub (a webhook
 * channel); the link in it is opened on a phone (no login) and one tap acknowledges the incident as that person.
 * Opening the same link again shows it was already used. Screenshots go to {@code deploy/target/screenshots/}.
 */
@Timeout(120)
class AckLinkChromiumIT {

    private static final String PASSWORD = "ack-e2e";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"]+/ack/[A-Za-z0-9_-]+");

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonObject> captured = new CopyOnWriteArrayList<>();
    private HttpServer provider;
    private AlertServiceApp alerts;
    private WebDriver phone;

    @AfterEach
    void stopEverything() throws Exception {
        if (phone != null) {
            phone.quit();
        }
        if (alerts != null) {
            alerts.stop().await();
        }
        if (provider != null) {
            provider.close().await();
        }
        vertx.close().await();
    }

    @Test
    void theOnCallAcknowledgesFromTheLinkInTheMessageOnAPhoneWithoutLoggingIn(@TempDir Path dir) throws Exception {
        // a local SMS-like provider that keeps every message it is given
        provider = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            captured.add(body.toJsonObject());
            request.response().putHeader("Content-Type", "application/json").end("{\"id\":\"msg-" + captured.size() + "\"}");
        })).listen(0, "127.0.0.1").await();
        int port = FreePort.find();
        Path policy = Files.writeString(dir.resolve("on-call.yaml"), """
                escalation:
                  steps:
                    - {role: GRID_MEMBER, after: PT0S}
                people:
                  - {id: zhang-wei, name: 张伟, channel: stub, address: "+8613800000001"}
                rotas:
                  - role: GRID_MEMBER
                    cells: [grid-1]
                    shifts:
                      - {person: zhang-wei, from: "00:00", to: "00:00"}
                """);
        AlertServiceOnTopics.Started started = AlertServiceOnTopics.start(vertx, dir, "ack-e2e", PASSWORD, Map.of(
                "alert.http.port", Integer.toString(port),
                "alert.board.public-url", "http://127.0.0.1:" + port + "/",
                "alert.ack.secret", "ack-e2e-secret-of-at-least-32-characters",
                "alert.policy.file", policy.toString(),
                "alert.notify.channels", "stub",
                "alert.notify.stub.url", "http://127.0.0.1:" + provider.actualPort() + "/send"));
        alerts = started.app();

        // GIVEN a level-2 leak alarm, and the grid member's message with its link
        Instant t = Instant.now().minusSeconds(5);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, io.hazardwatch.testsupport.TestEnv.kafkaBootstrap())),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(started.alarmsTopic(), "ent-a/tank-1/lel-1/THRESHOLD", Json.toBytes(
                    new io.hazardwatch.model.AlarmEvent(io.hazardwatch.model.AlarmEvent.SCHEMA,
                            "ent-a/tank-1/lel-1/THRESHOLD", TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE,
                            TestRegistry.ENT_A_GAS, io.hazardwatch.model.SensorType.COMBUSTIBLE_GAS, "THRESHOLD",
                            io.hazardwatch.model.AlarmLevel.SECOND, io.hazardwatch.model.AlarmTransition.RAISED, 55.0,
                            50.0, "%LEL", "threshold:ent-a/tank-1/lel-1", 1, t, t, t)))).get();
        }
        String link = LocalStack.await(Duration.ofSeconds(30), () -> captured.stream()
                .map(m -> LINK.matcher(m.encode().replace("\\/", "/"))).filter(Matcher::find).map(Matcher::group)
                .findFirst());
        JsonObject message = captured.get(0);
        assertThat(message.getJsonObject("recipient").getString("name")).isEqualTo("张伟");
        assertThat(message.getString("body")).contains("Test Chemicals A", "55");

        // WHEN the grid member opens the link on a phone, without logging in, and taps Acknowledge
        phone = Chromium.browser(dir.resolve("phone"), 390, 844);
        phone.get(link);
        new WebDriverWait(phone, Duration.ofSeconds(15)).until(d -> d.findElement(By.id("ack-button")).isDisplayed());
        Chromium.screenshot(phone, "ack-link-phone.png");
        phone.findElement(By.id("ack-button")).click();
        new WebDriverWait(phone, Duration.ofSeconds(15)).until(d -> !d.findElement(By.id("ack-result")).getText().isBlank());

        // THEN the incident is acknowledged by that person, via the link
        String incidentId = io.hazardwatch.alerts.incident.Incident.idOf("ent-a/tank-1/lel-1/THRESHOLD", t);
        String acknowledgedBy = LocalStack.await(Duration.ofSeconds(10), () -> Optional.ofNullable(
                json(port, "/api/incidents/" + incidentId).at("/acknowledged/by").textValue()));
        assertThat(acknowledgedBy).contains("zhang-wei");
        Chromium.screenshot(phone, "ack-link-done-phone.png");

        // AND the link cannot be used twice
        phone.get(link);
        new WebDriverWait(phone, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("ack-result")).isEmpty()
                && !d.findElement(By.id("ack-result")).getText().isBlank()
                || d.findElements(By.id("ack-button")).isEmpty() || !d.findElement(By.id("ack-button")).isEnabled());
        int second = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(second).isEqualTo(410);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(int port, String path) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("duty:" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
