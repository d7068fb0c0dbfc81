package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board's endpoints on the real service: the park plan per role, a sensor's history from InfluxDB (a fake
 * InfluxDB 1.x here that records the queries it gets), the chart library, and resuming the stream.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoardApiTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    /** TestRegistry with a park plan: ent-a placed in grid-1, ent-b without a position. */
    private static final String REGISTRY = TestRegistry.YAML
            .replace("    gridCell: grid-1\n", "    gridCell: grid-1\n    position: {x: 100, y: 150}\n"
                    + "    majorHazards:\n      - unit: chlorine store\n        peopleWithin500m: 40\n"
                    + "        substances:\n          - {name: chlorine, quantity: 60, criticalQuantity: 5, beta: 4}\n")
            + """
            gridCells:
              - {id: grid-1, name: 东区 East, x: 0, y: 0, width: 400, height: 300}
              - id: grid-2
                name: 西区 West
                outline: [{x: 400, y: 0}, {x: 800, y: 0}, {x: 800, y: 300}]
            """;

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final List<HttpServerRequest> influxQueries = new CopyOnWriteArrayList<>();
    private volatile String influxAnswer;
    private volatile int influxStatus = 200;
    private Vertx vertx;
    private HttpServer influx;
    private AlertServiceApp app;
    private WebClient web;
    private ProviderFake provider;

    @BeforeEach
    void startTheService(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        influx = Await.result(vertx.createHttpServer().requestHandler(request -> {
            influxQueries.add(request);
            request.response().setStatusCode(influxStatus).putHeader("Content-Type", "application/json")
                    .end(influxAnswer);
        }).listen(0, "127.0.0.1"));
        provider = ProviderFake.start(vertx);
        Path registry = TestFiles.write(dir.resolve("plan-registry.yaml"), REGISTRY);
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "registry.file", registry.toString(),
                "influx.url", "http://127.0.0.1:" + influx.actualPort() + "/",
                "influx.database", "board_test"));
        app = Await.result(AlertServiceApp.start(vertx, config, source, store,
                Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
        Await.result(app.loaded());
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stopTheService() {
        Await.result(app.stop());
        provider.close();
        Await.result(influx.close());
    }

    @Test
    void theDutyOfficerSeesTheWholePlan() {
        HttpResponse<Buffer> response = get("duty", "/api/board/plan");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject plan = response.bodyAsJsonObject();
        JsonArray cells = plan.getJsonArray("gridCells");
        assertThat(cells).hasSize(2);
        assertThat(cells.getJsonObject(0).getString("name")).isEqualTo("东区 East");
        assertThat(cells.getJsonObject(0).getDouble("width")).isEqualTo(400);
        assertThat(cells.getJsonObject(1).getJsonArray("outline")).hasSize(3);
        JsonArray enterprises = plan.getJsonArray("enterprises");
        assertThat(enterprises).hasSize(2);
        JsonObject entA = enterprises.getJsonObject(0);
        assertThat(entA.getString("id")).isEqualTo("ent-a");
        assertThat(entA.getString("name")).isEqualTo("Test Chemicals A");
        assertThat(entA.getString("gridCell")).isEqualTo("grid-1");
        assertThat(entA.getJsonObject("position").getDouble("x")).isEqualTo(100);
        assertThat(enterprises.getJsonObject(1).containsKey("position")).isFalse();
        // GB 18218: S = 60/5 = 12; R = 1.2 (40 people) · 4 · 12 = 57.6 → level 2
        assertThat(entA.getInteger("majorHazardLevel")).isEqualTo(2);
        JsonObject unit = entA.getJsonArray("majorHazards").getJsonObject(0);
        assertThat(unit.getString("unit")).isEqualTo("chlorine store");
        assertThat(unit.getJsonObject("grade").getDouble("s")).isEqualTo(12.0);
        assertThat(unit.getJsonObject("grade").getDouble("r")).isCloseTo(57.6, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(enterprises.getJsonObject(1).containsKey("majorHazardLevel")).isFalse();
        // no credentials or devices leak into the plan
        assertThat(response.bodyAsString()).doesNotContain("passwordHash", "ent-a-gw", "tank-1");
    }

    @Test
    void anEnterpriseUserSeesOnlyItsOwnEnterpriseAndGridStaffTheirCells() {
        JsonObject own = get("ent-a-viewer", "/api/board/plan").bodyAsJsonObject();
        assertThat(own.getJsonArray("enterprises")).hasSize(1);
        assertThat(own.getJsonArray("enterprises").getJsonObject(0).getString("id")).isEqualTo("ent-a");
        assertThat(own.getJsonArray("gridCells")).hasSize(1);
        assertThat(own.getJsonArray("gridCells").getJsonObject(0).getString("id")).isEqualTo("grid-1");

        JsonObject grid2 = get("grid2", "/api/board/plan").bodyAsJsonObject();
        assertThat(grid2.getJsonArray("enterprises")).hasSize(1);
        assertThat(grid2.getJsonArray("enterprises").getJsonObject(0).getString("id")).isEqualTo("ent-b");
        assertThat(grid2.getJsonArray("gridCells").getJsonObject(0).getString("id")).isEqualTo("grid-2");

        assertThat(get("nobody", "/api/board/plan").statusCode()).isEqualTo(401);
    }

    @Test
    void aSensorsLastHourComesFromInfluxDbWithItsSetPoints() {
        influxAnswer = """
                {"results":[{"statement_id":0,"series":[{"name":"reading","columns":["time","value"],
                "values":[[1764000000000,4.5],[1764000001000,27],[1764000002000,null]]}]}]}""";

        HttpResponse<Buffer> response = get("grid1", "/api/sensors/ent-a/tank-1/lel-1/history");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject history = response.bodyAsJsonObject();
        assertThat(history.getString("sensorType")).isEqualTo("COMBUSTIBLE_GAS");
        assertThat(history.getString("unit")).isEqualTo("%LEL");
        assertThat(history.getInteger("minutes")).isEqualTo(60);
        assertThat(history.getBoolean("averaged")).isFalse();
        assertThat(history.getJsonObject("thresholds").getDouble("firstHigh")).isEqualTo(25);
        assertThat(history.getJsonObject("thresholds").getDouble("secondHigh")).isEqualTo(50);
        assertThat(history.getJsonArray("times").getList()).containsExactly(1764000000000L, 1764000001000L);
        assertThat(history.getJsonArray("values").getList()).containsExactly(4.5, 27.0);

        assertThat(influxQueries).as("the readings, then the sensor's incident marks (issue 21)").hasSize(2);
        assertThat(influxQueries.get(1).getParam("q")).isEqualTo("SELECT event, level, alarm_type, incident_id FROM"
                + " incident WHERE enterprise='ent-a' AND device='tank-1' AND sensor='lel-1' AND time > now() - 60m"
                + " ORDER BY time ASC LIMIT 500");
        HttpServerRequest query = influxQueries.get(0);
        assertThat(query.path()).isEqualTo("/query");
        assertThat(query.getParam("db")).isEqualTo("board_test");
        assertThat(query.getParam("epoch")).isEqualTo("ms");
        assertThat(query.getParam("q")).isEqualTo("SELECT value FROM reading WHERE enterprise='ent-a' AND "
                + "device='tank-1' AND sensor='lel-1' AND time > now() - 60m ORDER BY time ASC LIMIT 20000");
    }

    @Test
    void longWindowsAreAveragedAndAMissingDatabaseHasNoReadings() {
        influxAnswer = "{\"results\":[{\"statement_id\":0,\"error\":\"database not found: board_test\"}]}";

        HttpResponse<Buffer> response = get("duty", "/api/sensors/ent-b/room-1/nh3-1/history?minutes=600");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getBoolean("averaged")).isTrue();
        assertThat(response.bodyAsJsonObject().getJsonArray("times")).isEmpty();
        assertThat(influxQueries.get(0).getParam("q")).startsWith("SELECT mean(value) AS value FROM reading")
                .endsWith("time > now() - 600m GROUP BY time(18s) fill(none)");
    }

    @Test
    void historyHasTheRoleChecksOfTheIncidentApi() {
        influxAnswer = "{\"results\":[{\"statement_id\":0}]}";

        assertThat(get("ent-a-viewer", "/api/sensors/ent-a/tank-1/lel-1/history").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> foreign = get("ent-a-viewer", "/api/sensors/ent-b/room-1/nh3-1/history");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        assertThat(get("grid2", "/api/sensors/ent-a/tank-1/lel-1/history").statusCode()).isEqualTo(403);
        assertThat(get("duty", "/api/sensors/ent-a/tank-1/nope/history").statusCode()).isEqualTo(404);
        assertThat(get("duty", "/api/sensors/ent-a/tank-1/lel-1/history?minutes=0").statusCode()).isEqualTo(400);
        assertThat(get("duty", "/api/sensors/ent-a/tank-1/lel-1/history?minutes=x").statusCode()).isEqualTo(400);
        assertThat(get("nobody", "/api/sensors/ent-a/tank-1/lel-1/history").statusCode()).isEqualTo(401);
        // only the allowed request reached InfluxDB (its readings and its incident marks)
        assertThat(influxQueries).hasSize(2);
    }

    @Test
    void anInfluxDbFailureIsABadGateway() {
        influxStatus = 500;
        influxAnswer = "{\"error\":\"engine is on fire\"}";

        HttpResponse<Buffer> response = get("duty", "/api/sensors/ent-a/tank-1/lel-1/history");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("history_unavailable");
        assertThat(response.bodyAsJsonObject().getString("message")).contains("engine is on fire");
    }

    @Test
    void theStreamResumesAfterTheLastEventIdGivenAsParameter() throws Exception {
        SseClient board = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "duty",
                TestFiles.PASSWORD));
        String snapshotId = board.nextEvent("snapshot", Duration.ofSeconds(5)).id();
        Await.result(board.close());
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));

        SseClient again = Await.result(SseClient.connect(vertx, app.httpPort(),
                "/api/alarms/stream?lastEventId=" + snapshotId, "duty", TestFiles.PASSWORD));

        // what happened while away (the alarm at once, its incident and risk once committed), and no snapshot
        List<String> names = new java.util.ArrayList<>();
        while (!names.containsAll(List.of("alarm", "incident"))) {
            SseClient.Frame frame = again.nextEvent(Duration.ofSeconds(5));
            assertThat(frame.id()).isNotNull();
            names.add(frame.name());
        }
        assertThat(names).doesNotContain("snapshot");
        Await.result(again.close());

        SseClient header = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "duty",
                TestFiles.PASSWORD, snapshotId));
        assertThat(header.nextEvent(Duration.ofSeconds(5)).name()).isNotEqualTo("snapshot");
        Await.result(header.close());
    }

    @Test
    void anAlarmReachesTheBoardWithoutWaitingForItsIncidentsCommit() throws Exception {
        SseClient board = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "duty",
                TestFiles.PASSWORD));
        board.nextEvent("snapshot", Duration.ofSeconds(5));
        store.holdSaves(); // the incident store's commit is slow (a Kafka transaction under load)

        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));

        assertThat(board.nextEvent("alarm", Duration.ofSeconds(5)).name()).isEqualTo("alarm");
        store.releaseSaves();
        assertThat(board.nextEvent("incident", Duration.ofSeconds(5)).name()).isEqualTo("incident");
        Await.result(board.close());
    }

    @Test
    void theChartLibraryIsServedFromItsWebJar() {
        HttpResponse<Buffer> script = get("duty", "/vendor/uPlot.iife.min.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.getHeader("Content-Type")).startsWith("text/javascript");
        assertThat(script.bodyAsString()).contains("uPlot");
        assertThat(get("duty", "/vendor/uPlot.min.css").getHeader("Content-Type")).startsWith("text/css");
        assertThat(get("nobody", "/vendor/uPlot.iife.min.js").statusCode()).isEqualTo(401);
    }

    private HttpResponse<Buffer> get(String user, String path) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", path).basicAuthentication(user, TestFiles.PASSWORD)
                .send());
    }
}
