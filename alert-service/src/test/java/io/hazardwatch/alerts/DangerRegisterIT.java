package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden-danger register through the real service on the Kafka store: grid staff report, the enterprise
 * rectifies and submits, the grid accepts; others are refused; an overdue danger becomes a casework incident; and
 * after a restart everything is still there. ent-a is in grid-1 (grid1), ent-b in grid-2 (grid2).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DangerRegisterIT {

    private WebClient web;
    private AlertServiceApp app;

    @Test
    void aDangerIsReportedRectifiedSubmittedAndAcceptedByTheRightPeopleAndSurvivesARestart(Vertx vertx,
                                                                                           @TempDir Path dir)
            throws Exception {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.dangers-it", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.dangers-it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.dangers-it", 1)));
        RetentionIT.ShiftedClock clock = new RetentionIT.ShiftedClock();
        web = WebClient.create(vertx);
        app = Await.result(AlertServiceApp.start(vertx, config, clock));
        Await.result(app.loaded());

        // GIVEN grid staff of ent-a's cell report a major danger
        HttpResponse<Buffer> reported = call(HttpMethod.POST, "grid1", "/api/dangers", new JsonObject()
                .put("enterprise", "ent-a").put("unit", "tank farm B").put("title", "valve V-12 leaks")
                .put("severity", "MAJOR").put("measures", "replace the packing").put("deadlineDays", 5));
        assertThat(reported.statusCode()).as(reported.bodyAsString()).isEqualTo(201);
        JsonObject danger = reported.bodyAsJsonObject();
        String id = danger.getString("id");
        assertThat(id).matches("danger-\\d{8}-1");
        assertThat(danger.getString("gridCell")).isEqualTo("grid-1");
        assertThat(danger.getString("source")).isEqualTo("INSPECTION");
        assertThat(danger.getString("status")).isEqualTo("REPORTED");
        assertThat(danger.getJsonArray("actions").getList()).containsExactly("supervise");

        // others may not report for ent-a, the enterprise only a self-report of its own; bad input names the field
        assertThat(call(HttpMethod.POST, "grid2", "/api/dangers", danger("ent-a")).statusCode()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, "ent-a-viewer", "/api/dangers", danger("ent-a").put("source", "INSPECTION"))
                .statusCode()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, "ent-a-viewer", "/api/dangers", danger("ent-b")).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> self = call(HttpMethod.POST, "ent-a-viewer", "/api/dangers", danger(null));
        assertThat(self.statusCode()).isEqualTo(201);
        assertThat(self.bodyAsJsonObject().getString("source")).isEqualTo("SELF_REPORT");
        assertThat(self.bodyAsJsonObject().getString("enterprise")).isEqualTo("ent-a");
        HttpResponse<Buffer> bad = call(HttpMethod.POST, "duty", "/api/dangers", danger("ent-a").put("severity", "HUGE"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("message")).startsWith("severity:");

        // WHEN the grid tries the enterprise's move, then the enterprise rectifies and submits
        assertThat(call(HttpMethod.POST, "grid1", "/api/dangers/" + id + "/start", null).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> started = call(HttpMethod.POST, "ent-a-viewer", "/api/dangers/" + id + "/start",
                new JsonObject().put("responsible", "Li Ming"));
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.bodyAsJsonObject().getJsonArray("actions").getList()).containsExactly("progress", "submit");
        assertThat(call(HttpMethod.POST, "ent-a-viewer", "/api/dangers/" + id + "/progress",
                new JsonObject().put("text", "new packing fitted")).statusCode()).isEqualTo(200);
        assertThat(call(HttpMethod.POST, "ent-a-viewer", "/api/dangers/" + id + "/submit", null).statusCode())
                .isEqualTo(200);

        // THEN only the grid of its cell (or the duty room) accepts; a repeated move conflicts
        assertThat(call(HttpMethod.POST, "ent-a-viewer", "/api/dangers/" + id + "/accept", null).statusCode())
                .isEqualTo(403);
        assertThat(call(HttpMethod.POST, "grid2", "/api/dangers/" + id + "/accept", null).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> accepted = call(HttpMethod.POST, "grid1", "/api/dangers/" + id + "/accept",
                new JsonObject().put("text", "checked on site"));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.bodyAsJsonObject().getString("status")).isEqualTo("ACCEPTED");
        assertThat(accepted.bodyAsJsonObject().getBoolean("acceptedOnTime")).isTrue();
        HttpResponse<Buffer> again = call(HttpMethod.POST, "grid1", "/api/dangers/" + id + "/accept", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.bodyAsJsonObject().getString("error")).isEqualTo("conflict");
        // CITY supervision is the duty room's
        assertThat(call(HttpMethod.POST, "grid1", "/api/dangers/" + id + "/supervise",
                new JsonObject().put("level", "CITY")).statusCode()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, "duty", "/api/dangers/" + id + "/supervise",
                new JsonObject().put("level", "CITY")).statusCode()).isEqualTo(200);

        // the lists are role-filtered; the targets and the export are computed on the server
        assertThat(ids("grid2", "/api/dangers")).isEmpty();
        assertThat(ids("ent-a-viewer", "/api/dangers?status=ACCEPTED")).containsExactly(id);
        JsonObject targets = call(HttpMethod.GET, "duty", "/api/dangers/targets", null).bodyAsJsonObject();
        assertThat(targets.getInteger("opened")).isEqualTo(2);
        assertThat(targets.getInteger("onTime")).isEqualTo(1);
        assertThat(targets.getJsonObject("supervised").getInteger("CITY")).isEqualTo(1);
        HttpResponse<Buffer> csv = call(HttpMethod.GET, "duty", "/api/dangers/export.csv", null);
        assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
        assertThat(csv.bodyAsString().lines()).hasSize(3).anyMatch(l -> l.startsWith(id + ",ent-a,grid-1,tank farm B"));

        // AND a danger left past its deadline becomes a casework incident of its enterprise
        String late = call(HttpMethod.POST, "duty", "/api/dangers", danger("ent-b").put("deadlineDays", 1))
                .bodyAsJsonObject().getString("id");
        clock.shift(Duration.ofDays(2));
        Await.until(() -> call(HttpMethod.GET, "duty", "/api/dangers/" + late, null).bodyAsJsonObject()
                .getBoolean("overdue") ? true : null, () -> "not overdue: " + late);
        Await.until(() -> overdueIncidents("grid2").contains(late) ? true : null, () -> "no casework incident");
        assertThat(ids("duty", "/api/dangers?overdue=true")).containsExactly(late);

        // AND after a restart of the service everything is still there
        Await.result(app.stop());
        app = Await.result(AlertServiceApp.start(vertx, config, clock));
        Await.result(app.loaded());
        JsonObject back = call(HttpMethod.GET, "grid1", "/api/dangers/" + id, null).bodyAsJsonObject();
        assertThat(back.getString("status")).isEqualTo("ACCEPTED");
        assertThat(back.getString("responsible")).isEqualTo("Li Ming");
        assertThat(back.getJsonObject("supervision").getString("level")).isEqualTo("CITY");
        assertThat(back.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("action")).toList())
                .containsExactly("created", "start", "progress", "submit", "accept", "supervise");
        assertThat(ids("duty", "/api/dangers")).hasSize(3);
        assertThat(call(HttpMethod.GET, "duty", "/api/dangers/" + late, null).bodyAsJsonObject().getBoolean("overdue"))
                .isTrue();
        Await.result(app.stop());
    }

    private static JsonObject danger(String enterprise) {
        JsonObject body = new JsonObject().put("title", "extinguisher missing").put("severity", "GENERAL")
                .put("deadlineDays", 10);
        return enterprise == null ? body : body.put("enterprise", enterprise);
    }

    private List<String> overdueIncidents(String user) {
        JsonArray incidents = call(HttpMethod.GET, user, "/api/incidents?alarmType=DANGER_OVERDUE", null)
                .bodyAsJsonArray();
        return incidents.stream().map(i -> ((JsonObject) i).getJsonObject("alarm").getString("sensor")).toList();
    }

    private List<String> ids(String user, String path) {
        HttpResponse<Buffer> r = call(HttpMethod.GET, user, path, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    private HttpResponse<Buffer> call(HttpMethod method, String user, String path, JsonObject body) {
        HttpRequest<Buffer> request = web.request(method, app.httpPort(), "127.0.0.1", path)
                .basicAuthentication(user, TestFiles.PASSWORD);
        return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    }
}
