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
import io.hazardwatch.notify.dispatch.DedupKey;
import io.hazardwatch.notify.local.LocalNotifier;
import io.hazardwatch.notify.signing.WebhookSignature;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 (ops) on the real HTTP server: the Messages page's data (the local outbox channel), the park's settings and
 * emergency dispatch's signed callback. Alarms from a scripted source, incidents in memory.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpsApiTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final String GAS_INCIDENT = Incident.idOf(GAS_KEY, T0);
    private static final String DISPATCH_SECRET = "dispatch-test-secret";

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private AlertServiceApp app;
    private WebClient web;

    @BeforeEach
    void startTheService(Vertx vertx, @TempDir Path dir) {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "notify.dispatch.url", "http://127.0.0.1:9/never-called", "notify.dispatch.secret", DISPATCH_SECRET));
        app = Await.result(AlertServiceApp.start(vertx, config, source, new InMemoryIncidentStore(),
                Map.of("push", new LocalNotifier("push")), Clock.systemUTC()));
        Await.result(app.loaded());
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stopTheService() {
        Await.result(app.stop());
    }

    private void twoAlarmsInTwoCells() throws InterruptedException {
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0),
                ammonia(RAISED, FIRST, 30, 25.0, T0.plusSeconds(60), T0.plusSeconds(60))));
        Await.until(() -> {
            JsonArray sent = get("duty", "/api/messages?status=SENT").bodyAsJsonObject().getJsonArray("messages");
            return sent.size() >= 2 ? sent : null;
        }, () -> get("duty", "/api/messages").bodyAsString());
    }

    @Test
    void theLocalOutboxTakesEveryMessageAndTheMessagesPageListsItWithTextStateAndFilters() throws Exception {
        twoAlarmsInTwoCells();

        JsonObject page = get("duty", "/api/messages").bodyAsJsonObject();

        JsonArray messages = page.getJsonArray("messages");
        JsonObject member1 = find(messages, GAS_INCIDENT + "/step-0/member-1");
        assertThat(member1.getString("recipient")).isEqualTo("Member One");
        assertThat(member1.getString("channel")).isEqualTo("push");
        assertThat(member1.getString("address")).isEqualTo("member-1");
        assertThat(member1.getString("status")).isEqualTo("SENT");
        assertThat(member1.getBoolean("local")).isTrue();
        assertThat(member1.getString("providerId")).isEqualTo("local/" + GAS_INCIDENT + "/step-0/member-1");
        // the text as the recipient reads it (issue 21): the registry's names, Chinese by default
        assertThat(member1.getString("subject")).contains("Test Chemicals A", "tank-1");
        // the value and the line it crossed; the audit view shows no acknowledge link (it would be somebody else's)
        assertThat(member1.getString("body")).contains("30 %LEL", "25 %LEL").doesNotContain("/ack/");
        assertThat(member1.getString("sentAt")).isNotNull();
        assertThat(page.getJsonArray("recipients").getList()).contains("Member One", "Member Two");
        assertThat(page.getJsonArray("channels").getList()).containsExactly("push");

        JsonObject byRecipient = get("duty", "/api/messages?recipient=Member%20Two").bodyAsJsonObject();
        assertThat(byRecipient.getJsonArray("messages")).isNotEmpty().allSatisfy(m ->
                assertThat(((JsonObject) m).getString("recipient")).isEqualTo("Member Two"));
        assertThat(get("duty", "/api/messages?channel=sms").bodyAsJsonObject().getInteger("total")).isZero();
        assertThat(get("duty", "/api/messages?status=failed").bodyAsJsonObject().getInteger("total")).isZero();
        HttpResponse<Buffer> bad = get("duty", "/api/messages?status=LOST");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("message")).startsWith("status");
    }

    @Test
    void gridStaffSeeTheMessagesOfTheirCellsAndAnEnterpriseNoneButItsFeedbackRequests() throws Exception {
        twoAlarmsInTwoCells();

        JsonArray grid1 = get("grid1", "/api/messages").bodyAsJsonObject().getJsonArray("messages");
        assertThat(grid1).isNotEmpty().allSatisfy(m -> assertThat(((JsonObject) m).getString("gridCell")).isEqualTo("grid-1"));
        JsonArray enterprise = get("ent-a-viewer", "/api/messages").bodyAsJsonObject().getJsonArray("messages");
        assertThat(enterprise).allSatisfy(m -> {
            assertThat(((JsonObject) m).getString("enterprise")).isEqualTo("ent-a");
            assertThat(((JsonObject) m).getString("purpose")).isEqualTo("feedback-request");
        });
        assertThat(get(null, "/api/messages").statusCode()).isEqualTo(401);
    }

    @Test
    void theSettingsNameTheParksTimeZoneOnce() {
        JsonObject settings = get("grid2", "/api/settings").bodyAsJsonObject();

        assertThat(settings.getString("timezone")).isEqualTo("Asia/Shanghai");
        assertThat(settings.getString("offset")).isEqualTo("+08:00");
    }

    @Test
    void aSignedCallbackFromDispatchIsRecordedOnTheIncidentAndAudited() throws Exception {
        twoAlarmsInTwoCells();
        JsonObject ack = new JsonObject().put("dedup_key", DedupKey.of(GAS_INCIDENT)).put("status", "acknowledged")
                .put("at", "2026-11-24T08:05:00Z");

        long sent = now();
        assertThat(callback(ack.encode(), sent, DISPATCH_SECRET, "dispatch-ack-1").statusCode()).isEqualTo(200);
        // issue 16: the same signed request sent again within the replay window is answered 409 and not recorded
        HttpResponse<Buffer> replayed = callback(ack.encode(), sent, DISPATCH_SECRET, "dispatch-ack-1");
        assertThat(replayed.statusCode()).as(replayed.bodyAsString()).isEqualTo(409);
        HttpResponse<Buffer> assigned = callback(new JsonObject().put("incident_key", GAS_INCIDENT)
                .put("status", "unit_assigned").put("unit", "消防3队").encode(), now(), DISPATCH_SECRET);

        assertThat(assigned.statusCode()).as(assigned.bodyAsString()).isEqualTo(200);
        JsonObject incident = get("duty", "/api/incidents/" + GAS_INCIDENT).bodyAsJsonObject();
        assertThat(incident.getJsonObject("dispatch").getString("status")).isEqualTo("UNIT_ASSIGNED");
        assertThat(incident.getJsonObject("dispatch").getString("unit")).isEqualTo("消防3队");
        assertThat(incident.getJsonArray("history").stream().map(e -> (JsonObject) e)
                .filter(e -> e.getString("type").equals("DISPATCH_REPLY")).map(e -> e.getString("actor") + " " + e.getString("detail")))
                .containsExactly("dispatch ACKNOWLEDGED at 2026-11-24T08:05:00Z", "dispatch UNIT_ASSIGNED 消防3队 at "
                        + incident.getJsonObject("dispatch").getString("at"));
    }

    @Test
    void aCallbackNotSignedByDispatchOrStaleOrAboutNoIncidentIsRefused() throws Exception {
        twoAlarmsInTwoCells();
        String body = new JsonObject().put("dedup_key", DedupKey.of(GAS_INCIDENT)).put("status", "acknowledged").encode();

        assertThat(callback(body, now(), "someone-else").statusCode()).isEqualTo(403);
        assertThat(callback(body, now() - 3600, DISPATCH_SECRET).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> unsigned = Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/dispatch/callback")
                .sendBuffer(Buffer.buffer(body)));
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        HttpResponse<Buffer> unknown = callback(new JsonObject().put("dedup_key", "hw-nothing")
                .put("status", "acknowledged").encode(), now(), DISPATCH_SECRET);
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<Buffer> noUnit = callback(new JsonObject().put("dedup_key", DedupKey.of(GAS_INCIDENT))
                .put("status", "unit_assigned").encode(), now(), DISPATCH_SECRET, "dispatch-fix-1");
        assertThat(noUnit.statusCode()).isEqualTo(400);
        assertThat(noUnit.bodyAsJsonObject().getString("message")).startsWith("unit");
        HttpResponse<Buffer> badStatus = callback(new JsonObject().put("dedup_key", DedupKey.of(GAS_INCIDENT))
                .put("status", "on-fire").encode(), now(), DISPATCH_SECRET);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.bodyAsJsonObject().getString("message")).startsWith("status");
        assertThat(get("duty", "/api/incidents/" + GAS_INCIDENT).bodyAsJsonObject().containsKey("dispatch")).isFalse();
        // issue 16: a refused callback's Idempotency-Key is not taken: its corrected retry is recorded
        HttpResponse<Buffer> fixed = callback(new JsonObject().put("dedup_key", DedupKey.of(GAS_INCIDENT))
                .put("status", "unit_assigned").put("unit", "消防1队").encode(), now(), DISPATCH_SECRET, "dispatch-fix-1");
        assertThat(fixed.statusCode()).as(fixed.bodyAsString()).isEqualTo(200);
    }

    private HttpResponse<Buffer> callback(String body, long timestamp, String secret) {
        return callback(body, timestamp, secret, "dispatch-" + java.util.UUID.randomUUID());
    }

    private HttpResponse<Buffer> callback(String body, long timestamp, String secret, String key) {
        return Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/dispatch/callback")
                .putHeader("Content-Type", "application/json")
                .putHeader("X-HW-Timestamp", Long.toString(timestamp))
                .putHeader("Idempotency-Key", key)
                .putHeader("X-HW-Signature", WebhookSignature.signEvent(secret, timestamp, key, body))
                .sendBuffer(Buffer.buffer(body)));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private HttpResponse<Buffer> get(String user, String path) {
        var request = web.get(app.httpPort(), "127.0.0.1", path);
        if (user != null) {
            request.basicAuthentication(user, TestFiles.PASSWORD);
        }
        return Await.result(request.send());
    }

    private static JsonObject find(JsonArray messages, String id) {
        return messages.stream().map(m -> (JsonObject) m).filter(m -> m.getString("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no message " + id + " in " + messages.encode()));
    }
}
