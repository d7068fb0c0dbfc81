package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.notify.signing.WebhookSignature;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Night calls and delivery receipts through the service as {@code Main} builds it (notifiers from {@code notify.*},
 * the Kafka store), on a clock that reads 23:00 in the park: a level-2 alarm is texted (Aliyun SMS fake) and rung
 * (generic HTTP voice fake) every {@code retryEvery} until the duty officer acknowledges it through the API, then
 * never again; signed receipts mark the text DELIVERED and a call FAILED, and both survive a restart.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VoiceCallsIT {

    private static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    /** 23:00 in the park today: the service's clock runs from there. */
    private static final Instant NIGHT = LocalDate.now(PARK).atTime(LocalTime.of(23, 0)).atZone(PARK).toInstant();
    private static final Instant T0 = NIGHT.minusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
    private static final String RECEIPT_SECRET = "test-receipt-secret";
    private static final String POLICY = """
            timezone: Asia/Shanghai
            escalation:
              steps:
                - {role: GRID_MEMBER, after: PT0S}
              remindEvery: PT1H
              maxReminders: 1
            retry: {first: PT0.2S, max: PT1S, attempts: 3}
            stormWindow: PT0S
            voice: {retryEvery: PT2S, maxCalls: 20}
            people:
              - {id: member-1, name: Member One, channel: sms, address: "+8613800000001", phone: "+8613800000001"}
            rotas:
              - {role: GRID_MEMBER, cells: [grid-1], shifts: [{person: member-1, from: "00:00", to: "00:00"}]}
            """;

    private Vertx vertx;
    private WebClient web;
    private AlarmTopic alarms;
    private RecordingServer sms;
    private RecordingServer voice;
    private AlertServiceConfig config;
    private Clock clock;

    @BeforeEach
    void fakes(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        web = WebClient.create(vertx);
        sms = RecordingServer.aliyunSms(vertx);
        voice = RecordingServer.start(vertx, (n, response) -> response.putHeader("Content-Type", "application/json")
                .end("{\"callId\":\"call-" + n + "\"}"));
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap", TestEnv.kafkaBootstrap());
        settings.put("topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.it", 1));
        settings.put("topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.it", 1));
        settings.put("topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.it", 1));
        settings.putAll(sms.aliyunSmsSettings("test-aliyun-secret"));
        settings.put("notify.voice.provider", "http");
        settings.put("notify.voice.http.url", voice.url() + "/calls");
        settings.put("notify.voice.http.body-template",
                "{\"to\":\"${recipient.address}\",\"incident\":\"${incidentKey}\",\"text\":\"${subject}\"}");
        settings.put("notify.voice.http.auth-token", "Bearer test-voice-token");
        settings.put("notify.voice.http.provider-id-pointer", "/callId");
        settings.put("notify.receipts.secret", RECEIPT_SECRET);
        config = TestFiles.config(dir, POLICY, settings);
        alarms = new AlarmTopic(config.kafkaBootstrap(), config.alarmsTopic());
        clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NIGHT));
    }

    @AfterEach
    void close() {
        alarms.close();
        sms.close();
        voice.close();
    }

    @Test
    void aLevelTwoAlarmAtNightIsRungUntilAcknowledgedAndReceiptsSurviveARestart() throws Exception {
        AlertServiceApp app = start();
        String id = Incident.idOf(GAS_KEY, T0);

        // WHEN a level-2 gas alarm is raised at 23:00 in the park
        alarms.send(gas(RAISED, SECOND, 55, 50.0, T0, T0));

        // THEN the grid member is texted, and called again every 2 s while nobody acknowledges
        RecordingServer.Request text = Await.until(() -> sms.requests().isEmpty() ? null : sms.requests().get(0),
                () -> "no SMS");
        assertThat(text.form()).containsEntry("PhoneNumbers", "8613800000001");
        List<RecordingServer.Request> rung = Await.until(() -> calls(id).size() >= 3 ? calls(id) : null,
                () -> voice.requests().toString());
        assertThat(rung).allSatisfy(call -> {
            assertThat(call.path()).isEqualTo("/calls");
            assertThat(call.headers().get("Authorization")).isEqualTo("Bearer test-voice-token");
            assertThat(new JsonObject(call.body()).getString("to")).isEqualTo("+8613800000001");
        });
        // each call decided retryEvery after the one before (the provider hears of it once the decision is stored)
        List<Instant> decided = voiceDeliveries(deliveries(app)).stream()
                .map(d -> Instant.parse(d.getString("queuedAt"))).sorted().toList();
        for (int k = 1; k < decided.size(); k++) {
            assertThat(Duration.between(decided.get(k - 1), decided.get(k))).as("call " + (k + 1))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(3));
        }

        // WHEN the duty officer acknowledges through the API
        HttpResponse<Buffer> ack = post(app, "/api/incidents/" + id + "/acknowledge", null);
        assertThat(ack.statusCode()).as(ack.bodyAsString()).isEqualTo(200);

        // THEN no further call is placed (one already on its way may still land within a second)
        Thread.sleep(1000);
        int afterAck = calls(id).size();
        Thread.sleep(5000);
        assertThat(calls(id)).as("calls after the acknowledgement").hasSize(afterAck);
        JsonArray deliveries = deliveries(app);
        assertThat(voiceDeliveries(deliveries)).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(d -> assertThat(d.getString("status")).isIn("SENT", "FAILED"));

        // WHEN the providers report: a forged Aliyun push, the real one (text delivered, an unknown id), a call not answered
        String report = new JsonArray().add(new JsonObject().put("biz_id", "biz-1").put("success", true)
                        .put("err_code", "DELIVERED").put("err_msg", "用户接收成功"))
                .add(new JsonObject().put("biz_id", "biz-unknown").put("success", true)).encode();
        assertThat(receipt(app, "/api/receipts/aliyun?token=guess", report, Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<Buffer> aliyun = receipt(app, "/api/receipts/aliyun?token=" + RECEIPT_SECRET, report, Map.of());
        assertThat(aliyun.statusCode()).as(aliyun.bodyAsString()).isEqualTo(200);
        assertThat(aliyun.bodyAsJsonObject().getInteger("code")).isEqualTo(0);
        String callReport = new JsonObject().put("id", "call-1").put("status", "FAILED").put("reason", "no answer").encode();
        String ts = Long.toString(Instant.now().getEpochSecond() + Duration.between(Instant.now(), NIGHT).toSeconds());
        assertThat(receipt(app, "/api/receipts/http", callReport, Map.of("X-HW-Timestamp", ts,
                "X-HW-Signature", "0".repeat(64))).statusCode()).isEqualTo(401);
        HttpResponse<Buffer> generic = receipt(app, "/api/receipts/http", callReport, Map.of("X-HW-Timestamp", ts,
                "X-HW-Signature", WebhookSignature.sign(RECEIPT_SECRET, Long.parseLong(ts), callReport)));
        assertThat(generic.statusCode()).as(generic.bodyAsString()).isEqualTo(200);
        assertThat(generic.bodyAsJsonObject().getInteger("matched")).isEqualTo(1);

        // THEN the text is DELIVERED and the first call FAILED with the provider's reason, on the delivery list
        JsonObject delivered = delivery(deliveries(app), id + "/step-0/member-1");
        assertThat(delivered.getString("status")).isEqualTo("DELIVERED");
        assertThat(delivered.getString("providerId")).isEqualTo("biz-1");
        JsonObject unanswered = delivery(deliveries(app), id + "/voice-1/member-1");
        assertThat(unanswered.getString("status")).isEqualTo("FAILED");
        assertThat(unanswered.getString("lastError")).contains("no answer");
        Await.result(app.stop());

        // AND after a restart both are still so, audited, and nobody is called again
        int before = calls(id).size();
        AlertServiceApp restarted = start();
        JsonArray stored = deliveries(restarted);
        assertThat(delivery(stored, id + "/step-0/member-1").getString("status")).isEqualTo("DELIVERED");
        assertThat(delivery(stored, id + "/voice-1/member-1").getString("status")).isEqualTo("FAILED");
        JsonObject incident = get(restarted, "/api/incidents/" + id).bodyAsJsonObject();
        assertThat(incident.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("detail")))
                .contains(id + "/step-0/member-1 DELIVERED");
        Thread.sleep(3000);
        assertThat(calls(id)).hasSize(before);
        Await.result(restarted.stop());
    }

    private AlertServiceApp start() {
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config, clock));
        Await.result(app.loaded());
        return app;
    }

    /** The calls about this incident (the watchdog's own incidents could ring too). */
    private List<RecordingServer.Request> calls(String id) {
        return voice.requests().stream().filter(r -> id.equals(new JsonObject(r.body()).getString("incident"))).toList();
    }

    private HttpResponse<Buffer> receipt(AlertServiceApp app, String path, String body, Map<String, String> headers) {
        HttpRequest<Buffer> request = web.post(app.httpPort(), "127.0.0.1", path);
        headers.forEach(request::putHeader);
        return Await.result(request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
    }

    private HttpResponse<Buffer> post(AlertServiceApp app, String path, JsonObject body) {
        HttpRequest<Buffer> request = web.post(app.httpPort(), "127.0.0.1", path)
                .basicAuthentication("duty", TestFiles.PASSWORD);
        return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    }

    private HttpResponse<Buffer> get(AlertServiceApp app, String path) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", path).basicAuthentication("duty", TestFiles.PASSWORD)
                .send());
    }

    private JsonArray deliveries(AlertServiceApp app) {
        return get(app, "/api/deliveries?limit=500").bodyAsJsonArray();
    }

    private static List<JsonObject> voiceDeliveries(JsonArray deliveries) {
        return deliveries.stream().map(o -> ((JsonObject) o).getJsonObject("delivery"))
                .filter(d -> "voice".equals(d.getString("channel"))).toList();
    }

    private static JsonObject delivery(JsonArray deliveries, String id) {
        return deliveries.stream().map(o -> ((JsonObject) o).getJsonObject("delivery"))
                .filter(d -> d.getString("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no delivery " + id + " in " + deliveries.encode()));
    }
}
