package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTP ingest with a bearer token, and the operations endpoints. */
@Timeout(120)
class HttpIngestIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOKEN = "Bearer tank-1-dev:" + TestRegistry.PASSWORD;
    private static GatewayFixture gateway;
    private static String readings;

    @BeforeAll
    static void start(@TempDir Path dir) {
        readings = KafkaTestTopics.create("http.readings", 1);
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", readings,
                "topic.deadletter", KafkaTestTopics.create("http.deadletter", 1)));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.http() + path))
                .timeout(Duration.ofSeconds(40))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.http() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a202MeansTheReadingIsAlreadyInKafka() throws Exception {
        String ts = Instant.now().minusSeconds(5).toString();

        HttpResponse<String> response = post("/hazardwatch/v1/ent-a/tank-1/readings", TOKEN,
                "{\"sensor\":\"lel-1\",\"value\":7.75,\"unit\":\"%LEL\",\"ts\":\"" + ts + "\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(new JsonObject(response.body()).getInteger("accepted")).isEqualTo(1);
        assertThat(KafkaTestTopics.readUntil(readings, rs -> false, Duration.ofSeconds(3)))
                .map(r -> Json.fromBytes(r.value(), Reading.class))
                .anyMatch(r -> r.eventTime().equals(Instant.parse(ts)) && r.value() == 7.75);
    }

    @Test
    void aBatchWithABadReadingIsAcceptedWithTheRefusedOneListedByIndex() throws Exception {
        HttpResponse<String> response = post("/hazardwatch/v1/ent-a/tank-1/readings", TOKEN,
                "{\"readings\":[{\"sensor\":\"lel-1\",\"value\":140.5},{\"sensor\":\"lel-1\",\"value\":\"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getInteger("accepted")).isEqualTo(1);
        JsonObject refused = body.getJsonArray("refused").getJsonObject(0);
        assertThat(refused.getInteger("index")).isEqualTo(1);
        assertThat(refused.getString("error")).isEqualTo("PAYLOAD_INVALID");
        assertThat(refused.getString("message")).isEqualTo("readings[1].value: required, a number");
        // 140.5 %LEL is over the detector's range: stored for detection, not refused
        assertThat(KafkaTestTopics.readUntil(readings, rs -> false, Duration.ofSeconds(3)))
                .map(r -> Json.fromBytes(r.value(), Reading.class))
                .anyMatch(r -> r.value() == 140.5);
    }

    @Test
    void refusalsAreJsonWithTheSameReasonsAsMqtt() throws Exception {
        HttpResponse<String> invalid = post("/hazardwatch/v1/ent-a/tank-1/readings", TOKEN, "{\"sensor\":\"lel-1\",\"value\":\"x\"}");
        HttpResponse<String> foreign = post("/hazardwatch/v1/ent-b/room-1/readings", TOKEN, "{\"sensor\":\"nh3-1\",\"value\":1}");
        HttpResponse<String> otherDevice = post("/hazardwatch/v1/ent-a/tank-2/readings", TOKEN, "{\"sensor\":\"lel-1\",\"value\":1}");
        HttpResponse<String> unknownSensor = post("/hazardwatch/v1/ent-a/tank-1/readings", TOKEN, "{\"sensor\":\"nope\",\"value\":1}");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(invalid.body()).getString("error")).isEqualTo("PAYLOAD_INVALID");
        assertThat(new JsonObject(invalid.body()).getInteger("code")).isEqualTo(0x99);
        assertThat(new JsonObject(invalid.body()).getString("message")).isEqualTo("value: required, a number");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(foreign.body()).getString("error")).isEqualTo("NOT_AUTHORIZED");
        assertThat(otherDevice.statusCode()).isEqualTo(403);
        assertThat(unknownSensor.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(unknownSensor.body()).getString("error")).isEqualTo("UNKNOWN_SENSOR");
    }

    @Test
    void aMissingOrWrongTokenGets401() throws Exception {
        HttpResponse<String> missing = post("/hazardwatch/v1/ent-a/tank-1/readings", null, "{}");
        HttpResponse<String> wrong = post("/hazardwatch/v1/ent-a/tank-1/readings", "Bearer tank-1-dev:wrong", "{}");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(wrong.body()).getString("error")).isEqualTo("NOT_AUTHENTICATED");
        assertThat(wrong.body()).doesNotContain("wrong");
    }

    @Test
    void overTheEnterpriseRateIs429WithRetryAfter() throws Exception {
        Thread.sleep(1_100);
        int tooMany = 0;
        String retryAfter = null;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = post("/hazardwatch/v1/ent-c/silo-1/readings", "Bearer ent-c-gw:" + TestRegistry.PASSWORD,
                    "{\"sensor\":\"dust-1\",\"value\":1}");
            if (r.statusCode() == 429) {
                tooMany++;
                retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("QUOTA_EXCEEDED");
            } else {
                assertThat(r.statusCode()).isEqualTo(202);
            }
        }
        assertThat(tooMany).isPositive();
        assertThat(retryAfter).isEqualTo("1");
    }

    @Test
    void metricsHealthAndReadinessAreServed() throws Exception {
        post("/hazardwatch/v1/ent-a/tank-1/readings", TOKEN, "{\"sensor\":\"lel-1\",\"value\":1}");
        post("/hazardwatch/v1/ent-a/tank-1/readings", TOKEN, "not json");

        HttpResponse<String> metrics = get("/metrics");
        HttpResponse<String> health = get("/health");
        HttpResponse<String> ready = get("/ready");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("hazardwatch_ingest_messages_received_total{transport=\"http\"}",
                "hazardwatch_ingest_messages_rejected_total{reason=\"PAYLOAD_INVALID\",transport=\"http\"}",
                "hazardwatch_ingest_kafka_produce_seconds", "hazardwatch_ingest_in_flight", "hazardwatch_ingest_connections");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ready.body()).getBoolean("kafka")).isTrue();
    }
}
