package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.NH3_KEY;
import static io.hazardwatch.alerts.AlarmEvents.ammonia;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.receipt.ReceiptSignatures;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/receipts/{provider}} on the real server (incidents in memory; VoiceCallsIT has the Kafka store):
 * Twilio's signed StatusCallback and Tencent's token-carrying callback reach the deliveries their ids name; forged,
 * unknown and malformed ones are refused or ignored as documented.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReceiptApiTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final String PUBLIC = "https://board.example.org/hw/";
    private static final String TWILIO_TOKEN = "test-twilio-auth-token";
    private static final String SECRET = "test-receipt-secret";

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private final AtomicInteger sent = new AtomicInteger();
    private AlertServiceApp app;
    private WebClient web;

    /** A provider that accepts every message and answers with ids SM-1, SM-2, ... */
    private final Notifier provider = new Notifier() {
        @Override
        public String channel() {
            return "push";
        }

        @Override
        public Future<Delivery> send(Notification notification) {
            return Future.succeededFuture(new Delivery("push", "SM-" + sent.incrementAndGet()));
        }
    };

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "notify.receipts.secret", SECRET, "notify.receipts.twilio-auth-token", TWILIO_TOKEN,
                "alert.board.public-url", PUBLIC, "alert.ack.secret", "receipt-test-link-secret-of-32-chars-or-more",
                "alert.board.session-secret", "receipt-test-session-secret-of-32-chars-or-more"));
        app = Await.result(AlertServiceApp.start(vertx, config, source, new InMemoryIncidentStore(),
                Map.of("push", provider), Clock.systemUTC()));
        Await.result(app.loaded());
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        Await.result(app.stop());
    }

    /** Two incidents whose grid members were told: their messages' provider ids. */
    private Map<String, String> sentIds() throws InterruptedException {
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0), ammonia(RAISED, FIRST, 30, 25.0, T0, T0)));
        return Await.until(() -> {
            Map<String, String> ids = new TreeMap<>();
            for (Object o : deliveries()) {
                JsonObject d = ((JsonObject) o).getJsonObject("delivery");
                if ("SENT".equals(d.getString("status"))) {
                    ids.put(d.getString("id"), d.getString("providerId"));
                }
            }
            return ids.size() == 2 ? ids : null;
        }, () -> deliveries().encode());
    }

    @Test
    void aTwilioCallbackSignedForThePublicUrlMarksTheMessageDelivered() throws Exception {
        Map<String, String> ids = sentIds();
        String gasMessage = Incident.idOf(GAS_KEY, T0) + "/step-0/member-1";
        Map<String, String> form = Map.of("MessageSid", ids.get(gasMessage), "MessageStatus", "delivered",
                "AccountSid", "AC123", "To", "+8613800000001");

        String local = "http://127.0.0.1:" + app.httpPort() + "/api/receipts/twilio";
        assertThat(twilio(form, ReceiptSignatures.twilio(Secret.of(TWILIO_TOKEN), local, form)).statusCode())
                .as("signed for another URL than the public one").isEqualTo(401);
        assertThat(twilio(form, ReceiptSignatures.twilio(Secret.of("another-token"), PUBLIC + "api/receipts/twilio",
                form)).statusCode()).as("another account's token").isEqualTo(401);
        HttpResponse<Buffer> ok = twilio(form, ReceiptSignatures.twilio(Secret.of(TWILIO_TOKEN),
                PUBLIC + "api/receipts/twilio", form));

        assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(204);
        assertThat(status(gasMessage)).isEqualTo("DELIVERED");
        assertThat(status(Incident.idOf(NH3_KEY, T0) + "/step-0/member-2")).as("the other message").isEqualTo("SENT");
    }

    @Test
    void aTencentCallbackWithTheTokenMarksAFailureWithTheProvidersReason() throws Exception {
        Map<String, String> ids = sentIds();
        String nh3Message = Incident.idOf(NH3_KEY, T0) + "/step-0/member-2";
        String body = new JsonArray().add(new JsonObject().put("sid", ids.get(nh3Message)).put("report_status", "FAIL")
                .put("errmsg", "MK:0001").put("description", "空号")).encode();

        assertThat(post("/api/receipts/tencent", body).statusCode()).as("no token").isEqualTo(401);
        HttpResponse<Buffer> ok = post("/api/receipts/tencent?token=" + SECRET, body);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.bodyAsJsonObject()).isEqualTo(new JsonObject().put("result", 0).put("errmsg", "OK"));
        JsonObject failed = delivery(nh3Message);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("lastError")).contains("MK:0001", "空号");
    }

    @Test
    void unknownIdsAreAnsweredOkMalformedBodiesAndUnknownProvidersAreRefused() throws Exception {
        sentIds();
        String unknown = new JsonArray().add(new JsonObject().put("sid", "no-such-id").put("report_status", "SUCCESS"))
                .encode();
        assertThat(post("/api/receipts/tencent?token=" + SECRET, unknown).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> malformed = post("/api/receipts/tencent?token=" + SECRET, "{\"sid\":1}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.bodyAsJsonObject().getString("message")).startsWith("body");
        assertThat(post("/api/receipts/yunpian?token=" + SECRET, unknown).statusCode()).isEqualTo(404);
        assertThat(deliveries()).allSatisfy(o -> assertThat(((JsonObject) o).getJsonObject("delivery")
                .getString("status")).isEqualTo("SENT"));
    }

    private HttpResponse<Buffer> twilio(Map<String, String> form, String signature) {
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        form.forEach(body::add);
        return Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/receipts/twilio")
                .putHeader("X-Twilio-Signature", signature).sendForm(body));
    }

    private HttpResponse<Buffer> post(String path, String body) {
        return Await.result(web.post(app.httpPort(), "127.0.0.1", path).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body)));
    }

    private JsonArray deliveries() {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/deliveries")
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonArray();
    }

    private JsonObject delivery(String id) {
        return deliveries().stream().map(o -> ((JsonObject) o).getJsonObject("delivery"))
                .filter(d -> d.getString("id").equals(id)).findFirst().orElseThrow();
    }

    private String status(String id) {
        return delivery(id).getString("status");
    }
}
