package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.alerts.AlarmEvents.gasTrend;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hazardwatch.alerts.board.InfluxTestDatabase;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The enterprise page on the real service ({@code GET /api/enterprises}, {@code /api/enterprises/{id}}): its
 * sections with the sensors' newest readings from the real InfluxDB, the roles, and InfluxDB down or silent making
 * only the sensors section unavailable.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EnterprisePageIT {

    /** TestRegistry with ent-a in a named grid cell, placed on the plan, with one ammonia unit (GB 18218). */
    private static final String REGISTRY = TestRegistry.YAML
            .replace("    gridCell: grid-1\n", "    gridCell: grid-1\n    position: {x: 120, y: 80}\n"
                    + "    majorHazards:\n      - unit: ammonia tank farm\n        peopleWithin500m: 120\n"
                    + "        substances:\n          - {name: ammonia, quantity: 50, criticalQuantity: 10, beta: 2}\n")
            + "gridCells:\n  - {id: grid-1, name: 东区 East, x: 0, y: 0, width: 400, height: 300}\n";
    private static final SensorKey GAS = new SensorKey("ent-a", "tank-1", "lel-1");
    private static final SensorKey TEMP = new SensorKey("ent-a", "tank-1", "temp-1");

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private Vertx vertx;
    private Path dir;
    private AlertServiceApp app;
    private WebClient web;
    private InfluxTestDatabase influx;

    @BeforeEach
    void setUp(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        this.dir = dir;
        web = WebClient.create(vertx);
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            Await.result(app.stop());
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void thePageShowsTheProfileTheSensorsNewestReadingsAndAlarmsAndTheOpenIncidents() throws Exception {
        influx = InfluxTestDatabase.create("enterprise_page_it");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        influx.write(GAS, now.minusSeconds(30), 12.0);
        influx.write(GAS, now.minusSeconds(5), 27.5);
        influx.write(TEMP, now.minusSeconds(60), 41.0);
        start(influx.url(), influx.name());
        // a trend warning that cleared and was closed, and a first-level alarm still active on the gas sensor
        Instant t0 = now.minusSeconds(20);
        Await.result(source.deliver(gasTrend(RAISED, FIRST, 20, 25.0, t0, t0, t0.plusSeconds(60))));
        Await.result(source.deliver(gasTrend(CLEARED, FIRST, 10, 25.0, t0, t0.plusSeconds(5), null)));
        Await.result(source.deliver(gas(RAISED, FIRST, 27.5, 25.0, t0.plusSeconds(10), t0.plusSeconds(10))));
        String trend = Await.until(() -> incidentId("TREND"), () -> get("duty", "/api/incidents").bodyAsString());
        assertThat(post("duty", "/api/incidents/" + trend + "/close", new JsonObject().put("action", "trend checked"))
                .statusCode()).isEqualTo(200);

        JsonObject page = Await.until(() -> {
            JsonObject p = get("duty", "/api/enterprises/ent-a").bodyAsJsonObject();
            JsonObject incidents = p.getJsonObject("sections").getJsonObject("incidents");
            return incidents.getLong("closedLast30Days") == 1 && incidents.getJsonArray("open").size() == 1 ? p : null;
        }, () -> get("duty", "/api/enterprises/ent-a").bodyAsString());

        JsonObject enterprise = page.getJsonObject("enterprise");
        assertThat(enterprise.getString("name")).isEqualTo("Test Chemicals A");
        assertThat(enterprise.getString("gridCellName")).isEqualTo("东区 East");
        // GB 18218: S = 50/10 = 5; R = 2.0 (120 people) · 2 · 5 = 20 → level 3
        assertThat(enterprise.getInteger("majorHazardLevel")).isEqualTo(3);
        JsonObject sections = page.getJsonObject("sections");
        assertThat(sections.fieldNames()).containsExactly("profile", "sensors", "incidents");

        JsonObject unit = sections.getJsonObject("profile").getJsonArray("units").getJsonObject(0);
        assertThat(unit.getString("unit")).isEqualTo("ammonia tank farm");
        assertThat(unit.getJsonArray("substances").getJsonObject(0).getDouble("criticalQuantity")).isEqualTo(10);
        assertThat(unit.getJsonObject("grade").getDouble("s")).isEqualTo(5.0);
        assertThat(unit.getJsonObject("grade").getDouble("r")).isCloseTo(20.0, within(1e-9));
        assertThat(unit.getJsonObject("grade").getInteger("level")).isEqualTo(3);
        JsonObject device = sections.getJsonObject("profile").getJsonArray("devices").getJsonObject(0);
        assertThat(device.getString("id")).isEqualTo("tank-1");
        JsonObject temp = device.getJsonArray("sensors").getJsonObject(1);
        assertThat(temp.getString("type")).isEqualTo("TEMPERATURE");
        assertThat(temp.getString("unit")).isEqualTo("degC");
        assertThat(temp.getJsonObject("thresholds").getDouble("firstHigh")).isEqualTo(60);
        assertThat(device.getJsonArray("sensors").getJsonObject(0).getJsonObject("thresholds").getDouble("secondHigh"))
                .as("the type's default set point").isEqualTo(50);
        assertThat(page.encode()).doesNotContain("passwordHash", "ent-a-gw", "ent-b");

        JsonArray sensors = sections.getJsonObject("sensors").getJsonArray("sensors");
        assertThat(sensors).hasSize(2);
        JsonObject gas = sensors.getJsonObject(0);
        assertThat(gas.getString("sensor")).isEqualTo("lel-1");
        assertThat(gas.getDouble("value")).isEqualTo(27.5);
        assertThat(Instant.parse(gas.getString("time"))).isEqualTo(now.minusSeconds(5));
        assertThat(gas.getBoolean("alarm")).isTrue();
        assertThat(gas.getString("level")).isEqualTo("FIRST");
        assertThat(gas.getString("alarmType")).isEqualTo("THRESHOLD");
        JsonObject tempNow = sensors.getJsonObject(1);
        assertThat(tempNow.getDouble("value")).isEqualTo(41.0);
        assertThat(tempNow.getBoolean("alarm")).isFalse();
        assertThat(tempNow.containsKey("level")).isFalse();

        JsonObject open = sections.getJsonObject("incidents").getJsonArray("open").getJsonObject(0);
        assertThat(open.getString("id")).isEqualTo(gas.getString("incidentId"));
        assertThat(open.getJsonObject("alarm").getString("alarmType")).isEqualTo("THRESHOLD");
        assertThat(open.getString("status")).isEqualTo("RAISED");
    }

    @Test
    void anEnterpriseSeesOnlyItsOwnPageGridStaffTheirCellsAndTheDutyRoomAll() {
        start("http://127.0.0.1:" + FreePort.find(), "none");

        assertThat(ids(get("duty", "/api/enterprises"))).containsExactly("ent-a", "ent-b");
        assertThat(ids(get("grid2", "/api/enterprises"))).containsExactly("ent-b");
        assertThat(ids(get("ent-a-viewer", "/api/enterprises"))).containsExactly("ent-a");
        JsonObject listed = get("grid1", "/api/enterprises").bodyAsJsonArray().getJsonObject(0);
        assertThat(listed.getString("gridCell")).isEqualTo("grid-1");
        assertThat(listed.getString("gridCellName")).isEqualTo("东区 East");
        assertThat(listed.getInteger("majorHazardLevel")).isEqualTo(3);
        assertThat(listed.getJsonObject("position").getDouble("x")).isEqualTo(120);

        assertThat(get("ent-a-viewer", "/api/enterprises/ent-a").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> foreign = get("ent-a-viewer", "/api/enterprises/ent-b");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        assertThat(get("grid2", "/api/enterprises/ent-a").statusCode()).isEqualTo(403);
        assertThat(get("grid2", "/api/enterprises/ent-b").statusCode()).isEqualTo(200);
        assertThat(get("admin", "/api/enterprises/ent-b").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> unknown = get("duty", "/api/enterprises/ent-x");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
        assertThat(get("nobody", "/api/enterprises").statusCode()).isEqualTo(401);
        assertThat(get("nobody", "/api/enterprises/ent-a").statusCode()).isEqualTo(401);
    }

    @Test
    void withInfluxDbDownOnlyTheSensorsSectionIsUnavailable() {
        start("http://127.0.0.1:" + FreePort.find(), "none");

        HttpResponse<Buffer> response = get("grid1", "/api/enterprises/ent-a");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject sections = response.bodyAsJsonObject().getJsonObject("sections");
        assertThat(sections.getJsonObject("sensors").getString("unavailable")).isNotBlank();
        assertThat(sections.getJsonObject("profile").getJsonArray("devices")).hasSize(1);
        assertThat(sections.getJsonObject("incidents").getJsonArray("open")).isEmpty();
    }

    @Test
    void anInfluxDbThatNeverAnswersIsCutOffAfterTheSectionsWait() {
        HttpServer silent = Await.result(vertx.createHttpServer().requestHandler(request -> { })
                .listen(0, "127.0.0.1"));
        start("http://127.0.0.1:" + silent.actualPort(), "none");

        long started = System.nanoTime();
        HttpResponse<Buffer> response = get("duty", "/api/enterprises/ent-b");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject sections = response.bodyAsJsonObject().getJsonObject("sections");
        assertThat(sections.getJsonObject("sensors").getString("unavailable")).isEqualTo("no answer within 2000 ms");
        assertThat(sections.getJsonObject("profile").getJsonObject("enterprise").getString("id")).isEqualTo("ent-b");
        Await.result(silent.close());
    }

    private void start(String influxUrl, String database) {
        Path registry = TestFiles.write(dir.resolve("enterprise-registry.yaml"), REGISTRY);
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "registry.file", registry.toString(), "influx.url", influxUrl, "influx.database", database));
        app = Await.result(AlertServiceApp.start(vertx, config, source, store, Map.of(), Clock.systemUTC()));
        Await.result(app.loaded());
    }

    private String incidentId(String alarmType) {
        JsonArray incidents = get("duty", "/api/incidents").bodyAsJsonArray();
        for (int i = 0; i < incidents.size(); i++) {
            JsonObject incident = incidents.getJsonObject(i);
            if (incident.getString("id").contains(alarmType) && !"RAISED".equals(incident.getString("status"))) {
                return incident.getString("id");
            }
        }
        return null;
    }

    private static List<String> ids(HttpResponse<Buffer> response) {
        return response.bodyAsJsonArray().stream().map(e -> ((JsonObject) e).getString("id")).toList();
    }

    private HttpResponse<Buffer> get(String user, String path) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", path).basicAuthentication(user, TestFiles.PASSWORD)
                .send());
    }

    private HttpResponse<Buffer> post(String user, String path, JsonObject body) {
        return Await.result(web.post(app.httpPort(), "127.0.0.1", path).basicAuthentication(user, TestFiles.PASSWORD)
                .sendJsonObject(body));
    }
}
