package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.ammonia;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.ESCALATED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.model.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The duty reports through the real server: today's figures follow the incidents; who may read; bad periods. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReportApiTest {

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private AlertServiceApp app;
    private WebClient web;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of());
        app = Await.result(AlertServiceApp.start(vertx, config, source, new InMemoryIncidentStore(), Map.of(),
                Clock.systemUTC()));
        Await.result(app.loaded());
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        Await.result(app.stop());
    }

    @Test
    void todaysReportCountsTheAlarmsAndTheirAcknowledgementAsTheyHappen() throws Exception {
        Instant t0 = Instant.now().minusSeconds(5);
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, t0, t0), gas(ESCALATED, SECOND, 55, 50.0, t0,
                t0.plusSeconds(1)), ammonia(RAISED, FIRST, 30, 25.0, t0, t0)));
        JsonObject report = Await.until(() -> {
            JsonObject r = get("duty", "/api/reports/daily").bodyAsJsonObject();
            return r.getJsonObject("alarms").getInteger("total") == 2 ? r : null;
        }, () -> get("duty", "/api/reports/daily").bodyAsString());
        assertThat(report.getString("id")).isEqualTo("daily/" + LocalDate.now(ZoneId.of("Asia/Shanghai")));
        assertThat(report.getBoolean("complete")).isFalse();
        assertThat(report.getJsonObject("alarms").getJsonObject("byLevel").getMap()).isEqualTo(Map.of("FIRST", 1, "SECOND", 1));
        assertThat(report.getJsonObject("acknowledge").getInteger("measured")).isZero();

        String id = get("duty", "/api/incidents").bodyAsJsonArray().getJsonObject(0).getString("id");
        assertThat(call(HttpMethod.POST, "duty", "/api/incidents/" + id + "/acknowledge").statusCode()).isEqualTo(200);
        JsonObject acked = get("admin", "/api/reports/weekly").bodyAsJsonObject();
        assertThat(acked.getString("kind")).isEqualTo("WEEKLY");
        assertThat(acked.getJsonObject("acknowledge").getInteger("measured")).isEqualTo(1);

        HttpResponse<Buffer> csv = get("duty", "/api/reports/daily.csv");
        assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
        assertThat(csv.bodyAsString()).contains("\r\nalarms,total,2,\r\n").contains("\r\nacknowledge,measured,1,\r\n");
        assertThat(get("duty", "/api/reports/weekly.csv?week=" + acked.getString("period")).bodyAsString())
                .contains("\r\nperiod,id,weekly/" + acked.getString("period") + ",\r\n");
        assertThat(Json.MAPPER.readTree(get("duty", "/api/reports").bodyAsString()).get("reports").size())
                .as("nothing generated on schedule yet").isZero();
    }

    @Test
    void onlyTheDutyRoomReadsReportsAndABadFutureOrForgottenPeriodIsRefused() {
        for (String user : new String[] {"grid1", "ent-a-viewer"}) {
            HttpResponse<Buffer> refused = get(user, "/api/reports/daily");
            assertThat(refused.statusCode()).as(user).isEqualTo(403);
            assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
            assertThat(get(user, "/api/reports").statusCode()).isEqualTo(403);
        }
        HttpResponse<Buffer> bad = get("duty", "/api/reports/daily?date=5.12.2026");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("message")).startsWith("date:");
        assertThat(get("duty", "/api/reports/weekly?week=2026-49").bodyAsJsonObject().getString("message"))
                .startsWith("week:");
        assertThat(get("duty", "/api/reports/daily?date=" + LocalDate.now().plusDays(3)).statusCode()).isEqualTo(400);
        assertThat(get("duty", "/api/reports/daily.csv?date=2020-01-01").statusCode())
                .as("past the retention and never kept").isEqualTo(404);
    }

    private HttpResponse<Buffer> get(String user, String path) {
        return call(HttpMethod.GET, user, path);
    }

    private HttpResponse<Buffer> call(HttpMethod method, String user, String path) {
        return Await.result(web.request(method, app.httpPort(), "127.0.0.1", path)
                .basicAuthentication(user, TestFiles.PASSWORD).send());
    }
}
