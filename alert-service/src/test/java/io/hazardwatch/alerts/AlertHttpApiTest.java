package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.GAS_TREND_KEY;
import static io.hazardwatch.alerts.AlarmEvents.NH3_KEY;
import static io.hazardwatch.alerts.AlarmEvents.ammonia;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.alerts.AlarmEvents.gasTrend;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.NONE;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.ESCALATED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API of the real service: roles, lifecycle commands, silences, risk, the stream. Alarms come from a
 * scripted source and incidents are kept in memory instead of Kafka (see AlertServiceIT for Kafka).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AlertHttpApiTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final String GAS_INCIDENT = Incident.idOf(GAS_KEY, T0);
    private static final String NH3_INCIDENT = Incident.idOf(NH3_KEY, T0.plusSeconds(60));

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private Vertx vertx;
    private AlertServiceApp app;
    private WebClient web;
    private ProviderFake provider;

    @BeforeEach
    void startTheService(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        provider = ProviderFake.start(vertx);
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of());
        app = Await.result(AlertServiceApp.start(vertx, config, source, new InMemoryIncidentStore(),
                Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
        Await.result(app.loaded());
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stopTheService() {
        Await.result(app.stop());
        provider.close();
    }

    private void bothAlarmsActive() {
        Await.result(source.deliver(
                ammonia(RAISED, FIRST, 30, 25.0, T0.plusSeconds(60), T0.plusSeconds(60)),
                gas(RAISED, FIRST, 30, 25.0, T0, T0),
                gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(40)),
                gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(40))));
    }

    @Test
    void activeAlarmsAreListedSecondLevelFirstWithTheirGridCell() {
        bothAlarmsActive();

        HttpResponse<Buffer> response = get("duty", "/api/alarms/active");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        JsonArray alarms = response.bodyAsJsonArray();
        assertThat(alarms).hasSize(2);
        JsonObject first = alarms.getJsonObject(0);
        assertThat(first.getString("alarmKey")).isEqualTo(GAS_KEY);
        assertThat(first.getString("level")).isEqualTo("SECOND");
        assertThat(first.getString("gridCell")).isEqualTo("grid-1");
        assertThat(first.getDouble("value")).isEqualTo(55.0);
        assertThat(first.getDouble("threshold")).isEqualTo(50.0);
        assertThat(first.getString("raisedAt")).isEqualTo("2026-11-24T08:00:00Z");
        assertThat(first.getString("lastUpdate")).isEqualTo("2026-11-24T08:00:40Z");
        assertThat(alarms.getJsonObject(1).getString("alarmKey")).isEqualTo(NH3_KEY);
        assertThat(alarms.getJsonObject(1).getString("gridCell")).isEqualTo("grid-2");
    }

    @Test
    void aTrendWarningKeepsItsPredictedCrossingInTheListSoThatABoardLoadedLaterShowsIt() {
        Await.result(source.deliver(
                gasTrend(RAISED, FIRST, 15, 25.0, T0, T0, T0.plusSeconds(240)),
                gasTrend(ESCALATED, SECOND, 30, 50.0, T0, T0.plusSeconds(60), T0.plusSeconds(180)),
                gas(RAISED, FIRST, 30, 25.0, T0.plusSeconds(60), T0.plusSeconds(60))));

        JsonArray alarms = get("duty", "/api/alarms/active").bodyAsJsonArray();

        assertThat(alarms).hasSize(2);
        JsonObject trend = alarms.getJsonObject(0);
        assertThat(trend.getString("alarmKey")).isEqualTo(GAS_TREND_KEY);
        assertThat(trend.getString("predictedCrossing")).isEqualTo("2026-11-24T08:03:00Z");
        assertThat(trend.getLong("leadTimeSeconds")).isEqualTo(120);
        JsonObject threshold = alarms.getJsonObject(1);
        assertThat(threshold.getString("alarmKey")).isEqualTo(GAS_KEY);
        assertThat(threshold.containsKey("predictedCrossing")).isFalse();
        assertThat(threshold.containsKey("leadTimeSeconds")).isFalse();
    }

    @Test
    void noActiveAlarmsIsAnEmptyList() {
        assertThat(get("duty", "/api/alarms/active").bodyAsString()).isEqualTo("[]");
    }

    @Test
    void withoutAValidLoginEverythingButHealthAndTheApiDescriptionIsAJson401() {
        for (String path : new String[] {"/api/alarms/active", "/api/incidents", "/", "/api/risk"}) {
            HttpResponse<Buffer> anonymous = Await.result(web.get(app.httpPort(), "127.0.0.1", path).send());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Basic realm=");
            assertThat(anonymous.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
        }
        HttpResponse<Buffer> wrong = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents")
                .basicAuthentication("duty", "wrong").send());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.bodyAsJsonObject().getString("message")).isEqualTo("wrong username or password");

        HttpResponse<Buffer> spec = Await.result(web.get(app.httpPort(), "127.0.0.1", "/openapi.yaml").send());
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.bodyAsString()).contains("openapi: 3.", "/api/incidents/{id}/acknowledge", "/api/silences");
    }

    @Test
    void gridStaffSeeAndHandleOnlyTheirCellsAndEnterpriseUsersOnlyReadTheirOwn() {
        bothAlarmsActive();

        assertThat(keys(get("grid2", "/api/alarms/active"))).containsExactly(NH3_KEY);
        assertThat(keys(get("ent-a-viewer", "/api/alarms/active"))).containsExactly(GAS_KEY);
        assertThat(get("grid2", "/api/incidents").bodyAsJsonArray()).extracting(o -> ((JsonObject) o).getString("id"))
                .containsExactly(NH3_INCIDENT);

        HttpResponse<Buffer> foreign = get("grid2", "/api/incidents/" + GAS_INCIDENT);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        HttpResponse<Buffer> foreignAck = post("grid2", "/api/incidents/" + GAS_INCIDENT + "/acknowledge", null);
        assertThat(foreignAck.statusCode()).isEqualTo(403);

        HttpResponse<Buffer> readOnly = post("ent-a-viewer", "/api/incidents/" + GAS_INCIDENT + "/acknowledge", null);
        assertThat(readOnly.statusCode()).isEqualTo(403);
        assertThat(readOnly.bodyAsJsonObject().getString("message")).contains("ENTERPRISE", "may not change incidents");
        assertThat(get("ent-a-viewer", "/api/incidents/" + GAS_INCIDENT).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> own = post("grid1", "/api/incidents/" + GAS_INCIDENT + "/acknowledge", null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.bodyAsJsonObject().getJsonObject("acknowledged").getString("by")).isEqualTo("grid1");

        HttpResponse<Buffer> silence = post("grid2", "/api/silences",
                new JsonObject().put("enterprise", "ent-a").put("minutes", 30).put("reason", "calibration"));
        assertThat(silence.statusCode()).isEqualTo(403);
        assertThat(get("nobody", "/api/incidents").statusCode()).isEqualTo(401);
    }

    @Test
    void anIncidentIsAcknowledgedCommentedAndClosedWithADisposalRecordAndEveryStepIsAudited() {
        bothAlarmsActive();
        String path = "/api/incidents/" + GAS_INCIDENT;

        assertThat(post("duty", path + "/acknowledge", null).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> again = post("duty", path + "/acknowledge", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.bodyAsJsonObject().getString("message")).contains("already acknowledged by duty");
        assertThat(post("grid1", path + "/comments", new JsonObject().put("text", "on site")).statusCode()).isEqualTo(201);
        assertThat(post("grid1", path + "/comments", new JsonObject()).statusCode()).isEqualTo(400);
        HttpResponse<Buffer> tooEarly = post("duty", path + "/close", new JsonObject().put("action", "valve closed"));
        assertThat(tooEarly.statusCode()).isEqualTo(409);

        Await.result(source.deliver(gas(CLEARED, NONE, 5, 25.0, T0, T0.plusSeconds(300))));
        assertThat(get("duty", "/api/alarms/active").bodyAsJsonArray()).hasSize(1);
        HttpResponse<Buffer> closed = post("duty", path + "/close",
                new JsonObject().put("action", "valve V-12 closed, area ventilated").put("notes", "no injuries"));

        assertThat(closed.statusCode()).isEqualTo(200);
        JsonObject incident = get("duty", path).bodyAsJsonObject();
        assertThat(incident.getString("status")).isEqualTo("CLOSED");
        assertThat(incident.getJsonObject("disposal").getString("by")).isEqualTo("duty");
        assertThat(incident.getJsonObject("disposal").getString("action")).isEqualTo("valve V-12 closed, area ventilated");
        assertThat(incident.getJsonArray("comments").getJsonObject(0).getString("text")).isEqualTo("on site");
        assertThat(incident.getJsonArray("history")).extracting(o -> ((JsonObject) o).getString("type") + " by "
                + ((JsonObject) o).getString("actor")).contains("RAISED by system", "LEVEL_RAISED by system",
                "ACKNOWLEDGED by duty", "COMMENTED by grid1", "CLEARED by system", "CLOSED by duty");
        assertThat(get("duty", "/api/incidents?status=CLOSED").bodyAsJsonArray()).hasSize(1);
        assertThat(get("duty", "/api/incidents?open=true").bodyAsJsonArray()).hasSize(1);
        assertThat(get("duty", "/api/incidents/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void theGridMemberIsNotifiedAtOnceAndTheDeliveryStatusIsVisible() throws Exception {
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));

        Await.until(() -> provider.to("member-1").size() == 1 ? true : null, () -> provider.received().toString());
        JsonObject delivery = Await.until(() -> {
            JsonArray sent = get("duty", "/api/deliveries?status=SENT").bodyAsJsonArray();
            return sent.isEmpty() ? null : sent.getJsonObject(0);
        }, () -> get("duty", "/api/deliveries").bodyAsString());
        assertThat(delivery.getString("incidentId")).isEqualTo(GAS_INCIDENT);
        assertThat(delivery.getJsonObject("delivery").getString("recipient")).isEqualTo("Member One");
        assertThat(delivery.getJsonObject("delivery").getInteger("attempts")).isEqualTo(1);
        assertThat(provider.to("member-1").get(0).body().getString("subject")).contains("Test Chemicals A", "tank-1 可燃气体");
        assertThat(get("grid2", "/api/deliveries").bodyAsJsonArray()).isEmpty();
    }

    @Test
    void aSilenceHoldsBackNotificationsButTheIncidentIsStillShown() throws Exception {
        HttpResponse<Buffer> created = post("duty", "/api/silences", new JsonObject().put("enterprise", "ent-a")
                .put("device", "tank-1").put("minutes", 60).put("reason", "detector calibration"));
        assertThat(created.statusCode()).isEqualTo(201);
        String silenceId = created.bodyAsJsonObject().getString("id");
        assertThat(post("duty", "/api/silences", new JsonObject().put("enterprise", "ent-a")).statusCode()).isEqualTo(400);

        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0), ammonia(RAISED, FIRST, 30, 25.0, T0, T0)));
        Await.until(() -> provider.to("member-2").size() == 1 ? true : null, () -> provider.received().toString());

        JsonObject incident = get("duty", "/api/incidents/" + GAS_INCIDENT).bodyAsJsonObject();
        assertThat(incident.getString("suppressedBy")).contains(silenceId, "detector calibration");
        assertThat(provider.to("member-1")).isEmpty();
        assertThat(get("duty", "/api/silences").bodyAsJsonArray()).hasSize(1);

        assertThat(request(HttpMethod.DELETE, "duty", "/api/silences/" + silenceId, null).statusCode()).isEqualTo(200);
        Await.until(() -> provider.to("member-1").size() == 1 ? true : null, () -> provider.received().toString());
        assertThat(get("duty", "/api/silences").bodyAsJsonArray()).isEmpty();
    }

    @Test
    void theRiskColourFollowsTheAlarmsAndIsStreamedToTheBoard() throws Exception {
        assertThat(risk("ent-a").getString("colour")).isEqualTo("BLUE");
        SseClient stream = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "duty",
                TestFiles.PASSWORD));
        stream.nextEvent("snapshot", WAIT);

        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));
        JsonObject yellow = new JsonObject(stream.nextEvent("risk", WAIT).data());
        assertThat(yellow.getString("colour")).isEqualTo("YELLOW");
        assertThat(yellow.getBoolean("overWarningLine")).isTrue();
        assertThat(yellow.getBoolean("overAlarmLine")).isFalse();

        Await.result(source.deliver(gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(10))));
        JsonObject orange = new JsonObject(stream.nextEvent("risk", WAIT).data());
        assertThat(orange.getString("colour")).isEqualTo("ORANGE");
        assertThat(orange.getBoolean("overAlarmLine")).isTrue();
        assertThat(risk("ent-a").getString("colour")).isEqualTo("ORANGE");

        Await.result(source.deliver(gas(CLEARED, NONE, 5, 25.0, T0, T0.plusSeconds(100))));
        assertThat(new JsonObject(stream.nextEvent("risk", WAIT).data()).getString("colour")).isEqualTo("BLUE");
        assertThat(get("ent-a-viewer", "/api/risk").bodyAsJsonArray()).extracting(o -> ((JsonObject) o).getString("enterprise"))
                .containsExactly("ent-a");
        Await.result(stream.close());
    }

    @Test
    void theStreamStartsWithTheSnapshotThenSendsEachChangeButNotDuplicates() throws Exception {
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));
        SseClient stream = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "duty",
                TestFiles.PASSWORD));
        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.response().getHeader("Content-Type")).startsWith("text/event-stream");

        SseClient.Frame snapshot = stream.nextEvent(WAIT);
        assertThat(snapshot.name()).isEqualTo("snapshot");
        assertThat(new JsonArray(snapshot.data())).singleElement()
                .satisfies(row -> assertThat(((JsonObject) row).getJsonObject("alarm").getString("level")).isEqualTo("FIRST"));

        AlarmEvent cleared = gas(CLEARED, NONE, 10, 25.0, T0, T0.plusSeconds(90));
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0), cleared));

        SseClient.Frame change = stream.nextEvent("alarm", WAIT);
        BoardRows.assertClearedUnacknowledged(change.data(), cleared);
        SseClient.Frame more;
        while ((more = stream.poll(Duration.ofMillis(300))) != null) {
            assertThat(more.name()).isNotEqualTo("alarm");
        }
        Await.result(stream.close());
    }

    @Test
    void theStreamOfAnEnterpriseUserCarriesOnlyItsOwnEnterprise() throws Exception {
        SseClient stream = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "ent-a-viewer",
                TestFiles.PASSWORD));
        stream.nextEvent("snapshot", WAIT);

        Await.result(source.deliver(ammonia(RAISED, FIRST, 30, 25.0, T0, T0), gas(RAISED, FIRST, 30, 25.0, T0, T0)));

        SseClient.Frame alarm = stream.nextEvent("alarm", WAIT);
        assertThat(new JsonObject(alarm.data()).getJsonObject("alarm").getString("alarmKey")).isEqualTo(GAS_KEY);
        SseClient.Frame more;
        while ((more = stream.poll(Duration.ofMillis(300))) != null) {
            assertThat(more.data()).doesNotContain("ent-b");
        }
        Await.result(stream.close());
    }

    @Test
    void healthIsUpWhileTheAlarmFeedRunsAndDownWhenItHasLostKafka() {
        HttpResponse<Buffer> up = anonymous("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.bodyAsJsonObject().getString("status")).isEqualTo("UP");
        assertThat(up.bodyAsJsonObject().getString("incidentStore")).isEqualTo("READY");

        source.setState(AlarmSource.State.DISCONNECTED);

        HttpResponse<Buffer> down = anonymous("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
        assertThat(down.bodyAsJsonObject().getString("alarmFeed")).isEqualTo("DISCONNECTED");
    }

    @Test
    void theLiveAlarmPageIsServedWithoutAnythingFromTheInternet() {
        HttpResponse<Buffer> page = get("duty", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.bodyAsString())
                .contains("<title>HazardWatch 重大危险源监测预警 · 值班室</title>")
                .contains("<script type=\"module\" src=\"app.js\"></script>")
                .contains("<script src=\"vendor/uPlot.iife.min.js\"></script>")
                .doesNotContain("http://", "https://");

        // app.js wires the page's modules: the stream in stream.js, the rows' table in table.js
        HttpResponse<Buffer> script = get("duty", "/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.bodyAsString()).contains("from './stream.js'", "from './table.js'")
                .doesNotContain("http://", "https://");
        assertThat(get("duty", "/stream.js").bodyAsString()).contains("new EventSource(", "api/alarms/stream");
        assertThat(get("duty", "/table.js").bodyAsString()).contains("dataset.alarmKey", "dataset.level");
        assertThat(get("duty", "/i18n.js").bodyAsString()).contains("'level.SECOND': '二级报警'",
                "'level.SECOND': 'Level 2 alarm'", "'level.FIRST': 'Level 1 warning'");
        for (String module : new String[] {"/i18n.js", "/detail.js", "/map.js", "/sound.js", "/stream.js", "/table.js",
                "/rows.js", "/state.js", "/net.js", "/header.js", "/filters.js", "/plan.js", "/refused.js"}) {
            HttpResponse<Buffer> js = get("duty", module);
            assertThat(js.statusCode()).as(module).isEqualTo(200);
            // the SVG namespace is a name, not something loaded
            assertThat(js.bodyAsString().replace("http://www.w3.org/2000/svg", "")).as(module)
                    .doesNotContain("http://", "https://");
        }
        assertThat(get("duty", "/style.css").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> chartLibrary = get("duty", "/vendor/uPlot.iife.min.js");
        assertThat(chartLibrary.statusCode()).isEqualTo(200);
        assertThat(chartLibrary.bodyAsString()).contains("uPlot");
        assertThat(get("duty", "/vendor/uPlot.min.css").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownPathIsNotFound() {
        HttpResponse<Buffer> missing = get("duty", "/api/alarms/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    }

    private JsonObject risk(String enterprise) {
        return get("duty", "/api/risk").bodyAsJsonArray().stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("enterprise").equals(enterprise)).findFirst().orElseThrow();
    }

    private static java.util.List<String> keys(HttpResponse<Buffer> alarms) {
        return alarms.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getString("alarmKey")).toList();
    }

    private HttpResponse<Buffer> anonymous(String path) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", path).send());
    }

    private HttpResponse<Buffer> get(String user, String path) {
        return request(HttpMethod.GET, user, path, null);
    }

    private HttpResponse<Buffer> post(String user, String path, JsonObject body) {
        return request(HttpMethod.POST, user, path, body);
    }

    private HttpResponse<Buffer> request(HttpMethod method, String user, String path, JsonObject body) {
        HttpRequest<Buffer> request = web.request(method, app.httpPort(), "127.0.0.1", path)
                .basicAuthentication(user, TestFiles.PASSWORD);
        return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    }
}
