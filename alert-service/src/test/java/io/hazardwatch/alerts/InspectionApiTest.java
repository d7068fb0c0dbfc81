package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.TaskClient.finding;
import static io.hazardwatch.alerts.TaskClient.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.RetentionIT.ShiftedClock;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
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
 * Inspection tasks through the API on the real HTTP server (in-memory store, a clock the test moves): who may see,
 * work and manage which task; a result's findings go to the register; the schedule creates tasks by itself; an
 * overdue task is escalated as a casework incident and cleared once done.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InspectionApiTest {

    private final ShiftedClock clock = new ShiftedClock();
    private final TaskClient.RecordingSink sink = new TaskClient.RecordingSink();
    private AlertServiceApp app;
    private TaskClient tasks;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of());
        app = Await.result(AlertServiceApp.start(vertx, config, new ScriptedAlarmSource(), new InMemoryIncidentStore(),
                Map.of(), null, null, null, sink, clock));
        Await.result(app.loaded());
        tasks = new TaskClient(WebClient.create(vertx), app.httpPort());
    }

    @AfterEach
    void stop() {
        Await.result(app.stop());
    }

    @Test
    void onlyTheDutyRoomCreatesTasksAndBadInputIsRefusedNamingTheField() {
        JsonObject task = new JsonObject().put("enterprise", "ent-a").put("due", "2026-12-31");
        assertThat(tasks.post("grid1", "/api/tasks", task).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> enterprise = tasks.post("ent-a-viewer", "/api/tasks", task);
        assertThat(enterprise.statusCode()).isEqualTo(403);
        assertThat(enterprise.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        assertThat(message(tasks.post("duty", "/api/tasks", new JsonObject().put("due", "2026-12-31"))))
                .contains("enterprise");
        assertThat(message(tasks.post("duty", "/api/tasks", task.copy().put("enterprise", "nowhere"))))
                .contains("enterprise", "nowhere");
        assertThat(message(tasks.post("duty", "/api/tasks", task.copy().put("kind", "PICNIC")))).contains("kind");
        assertThat(message(tasks.post("duty", "/api/tasks", task.copy().put("due", "soon")))).contains("due");

        HttpResponse<Buffer> created = tasks.post("duty", "/api/tasks", task);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = created.bodyAsJsonObject().getJsonObject("task");
        assertThat(body.getString("id")).matches("task-\\d{8}-\\d+");
        // no assignee given: the grid member on the rota of ent-a's cell
        assertThat(body.getString("assignee")).isEqualTo("member-1");
        assertThat(body.getString("gridCell")).isEqualTo("grid-1");
        assertThat(body.getString("status")).isEqualTo("OPEN");
    }

    @Test
    void aGridMemberWorksTheTasksOfHisCellsAnEnterpriseOnlyReadsItsOwnAndFindingsGoToTheRegister() {
        String id = tasks.create("ent-a", "grid1", "2026-12-31");

        JsonArray mine = tasks.get("grid1", "/api/tasks?assignee=me").bodyAsJsonArray();
        assertThat(mine).hasSize(1);
        assertThat(mine.getJsonObject(0).getBoolean("mine")).isTrue();
        assertThat(mine.getJsonObject(0).getBoolean("mayWork")).isTrue();
        assertThat(mine.getJsonObject(0).getBoolean("mayManage")).isFalse();
        assertThat(tasks.get("grid2", "/api/tasks?assignee=grid1").bodyAsJsonArray()).isEmpty();
        assertThat(tasks.get("grid2", "/api/tasks/" + id).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> own = tasks.get("ent-a-viewer", "/api/tasks/" + id);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.bodyAsJsonObject().getBoolean("mayWork")).isFalse();
        assertThat(tasks.get("duty", "/api/tasks/task-19990101-1").statusCode()).isEqualTo(404);

        JsonObject twoFindings = result(finding("ladder rusted", "GENERAL", "tank farm"),
                finding("gas detector covered", "MAJOR", "unit 2"));
        assertThat(tasks.post("grid2", "/api/tasks/" + id + "/result", twoFindings).statusCode()).isEqualTo(403);
        assertThat(tasks.post("ent-a-viewer", "/api/tasks/" + id + "/result", twoFindings).statusCode()).isEqualTo(403);
        assertThat(message(tasks.post("grid1", "/api/tasks/" + id + "/result",
                result(finding("no severity", null, null))))).contains("findings[0].severity");
        assertThat(message(tasks.post("grid1", "/api/tasks/" + id + "/result",
                result(finding(" ", "MAJOR", null))))).contains("title");
        assertThat(sink.reported).isEmpty();

        // the register refuses a finding: the task stays open, to be submitted again
        HttpResponse<Buffer> refused = tasks.post("grid1", "/api/tasks/" + id + "/result",
                result(finding(TaskClient.RecordingSink.REFUSED + " pipe", "MAJOR", null)));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.bodyAsJsonObject().getString("message")).contains("register unavailable");
        assertThat(tasks.get("grid1", "/api/tasks/" + id).bodyAsJsonObject().getJsonObject("task")
                .getString("status")).isEqualTo("OPEN");

        HttpResponse<Buffer> done = tasks.post("grid1", "/api/tasks/" + id + "/result", twoFindings);
        assertThat(done.statusCode()).isEqualTo(200);
        JsonObject task = done.bodyAsJsonObject().getJsonObject("task");
        assertThat(task.getString("status")).isEqualTo("DONE");
        assertThat(task.getJsonObject("result").getString("inspector")).isEqualTo("grid1");
        assertThat(task.getJsonObject("result").getJsonArray("findings").stream()
                .map(f -> ((JsonObject) f).getString("dangerId"))).containsExactly("danger-1", "danger-2");
        assertThat(sink.reported).extracting(r -> r.finding().title() + "@" + r.enterprise() + "/" + r.taskId())
                .containsExactly("ladder rusted@ent-a/" + id, "gas detector covered@ent-a/" + id);

        assertThat(tasks.post("grid1", "/api/tasks/" + id + "/result", twoFindings).statusCode()).isEqualTo(409);
        assertThat(tasks.post("grid1", "/api/tasks/" + id + "/cancel", new JsonObject()).statusCode()).isEqualTo(403);
        assertThat(tasks.post("duty", "/api/tasks/" + id + "/cancel", new JsonObject()).statusCode()).isEqualTo(409);
        assertThat(sink.reported).hasSize(2);
    }

    @Test
    void theDutyRoomReassignsAndCancelsTasks() {
        String id = tasks.create("ent-b", "grid2", "2026-12-31");
        assertThat(tasks.post("grid2", "/api/tasks/" + id + "/assign", new JsonObject().put("assignee", "grid2"))
                .statusCode()).isEqualTo(403);
        assertThat(message(tasks.post("duty", "/api/tasks/" + id + "/assign", new JsonObject()))).contains("assignee");
        HttpResponse<Buffer> moved = tasks.post("duty", "/api/tasks/" + id + "/assign",
                new JsonObject().put("assignee", "grid9").put("due", "2027-01-15"));
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.bodyAsJsonObject().getJsonObject("task").getString("assignee")).isEqualTo("grid9");
        HttpResponse<Buffer> cancelled = tasks.post("duty", "/api/tasks/" + id + "/cancel",
                new JsonObject().put("reason", "plant shut down"));
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.bodyAsJsonObject().getJsonObject("task").getString("status")).isEqualTo("CANCELLED");
        assertThat(tasks.get("duty", "/api/tasks?status=CANCELLED&enterprise=ent-b").bodyAsJsonArray()).hasSize(1);
        assertThat(tasks.get("duty", "/api/tasks?status=CANCELLED&enterprise=ent-a").bodyAsJsonArray()).isEmpty();
    }

    @Test
    void theScheduleCreatesEachEnterprisesFirstTaskAndAnOverdueTaskIsEscalatedUntilDone() throws Exception {
        // the periodic check: every enterprise of the registry gets its first routine inspection, due in 3 days
        JsonArray scheduled = Await.until(() -> {
            JsonArray list = tasks.get("duty", "/api/tasks?status=OPEN").bodyAsJsonArray();
            return list.size() >= 2 ? list : null;
        }, () -> "no scheduled tasks");
        assertThat(scheduled.stream().map(v -> ((JsonObject) v).getJsonObject("task")))
                .extracting(t -> t.getString("enterprise") + ":" + t.getString("kind") + ":" + t.getString("assignee"))
                .containsExactlyInAnyOrder("ent-a:SCHEDULED:member-1", "ent-b:SCHEDULED:member-2");
        assertThat(tasks.get("grid1", "/api/tasks").bodyAsJsonArray()).hasSize(1);

        // 4 days later they are overdue: shown so, and each raised as a casework incident of its enterprise
        clock.shift(Duration.ofDays(4));
        JsonArray incidents = Await.until(() -> {
            JsonArray list = tasks.get("duty", "/api/incidents?alarmType=" + CaseAlarms.INSPECTION_OVERDUE)
                    .bodyAsJsonArray();
            return list.size() >= 2 ? list : null;
        }, () -> "no overdue incidents");
        assertThat(incidents.stream().map(i -> ((JsonObject) i).getString("status"))).containsOnly("RAISED");
        JsonObject entA = tasks.get("grid1", "/api/tasks").bodyAsJsonArray().getJsonObject(0);
        assertThat(entA.getBoolean("overdue")).isTrue();
        String id = entA.getJsonObject("task").getString("id");
        List<String> ofEntA = incidents.stream().map(i -> (JsonObject) i)
                .filter(i -> i.getJsonObject("alarm").getString("enterprise").equals("ent-a"))
                .map(i -> i.getString("id")).toList();
        assertThat(ofEntA).singleElement().asString().contains(id);

        // done: its incident's alarm clears (the duty room then closes it as usual)
        assertThat(tasks.post("grid1", "/api/tasks/" + id + "/result", result()).statusCode()).isEqualTo(200);
        JsonObject cleared = tasks.get("duty", "/api/incidents/" + ofEntA.get(0)).bodyAsJsonObject();
        assertThat(cleared.getString("status")).isEqualTo("CLEARED_UNACKNOWLEDGED");
        assertThat(cleared.getString("clearedAt")).isNotNull();
    }

    private static String message(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        return response.bodyAsJsonObject().getString("message");
    }
}
