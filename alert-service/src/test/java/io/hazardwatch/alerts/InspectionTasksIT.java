package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.TaskClient.finding;
import static io.hazardwatch.alerts.TaskClient.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.store.KafkaIncidentStore;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inspection tasks against the real service with the Kafka incident store: a grid member lists his tasks and
 * records a result with a finding (the register is told), another grid member is refused, and after a restart on
 * the same topics everything is still there.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InspectionTasksIT {

    @Test
    void aGridMembersResultWithAFindingReachesTheRegisterAndSurvivesARestart(Vertx vertx, @TempDir Path dir) {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.tasks-it", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.tasks-it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.tasks-it", 1)));
        TaskClient.RecordingSink sink = new TaskClient.RecordingSink();
        AlertServiceApp first = start(vertx, config, sink);
        TaskClient tasks = new TaskClient(WebClient.create(vertx), first.httpPort());

        // GIVEN two tasks of grid1's cell, one of them his
        String done = tasks.create("ent-a", "grid1", "2026-12-31");
        String open = tasks.create("ent-a", "grid1", "2027-01-31");
        JsonArray mine = tasks.get("grid1", "/api/tasks?assignee=me&status=OPEN").bodyAsJsonArray();
        assertThat(mine.stream().map(v -> ((JsonObject) v).getJsonObject("task").getString("id")))
                .containsExactly(done, open);

        // WHEN another grid member tries to record, he is refused; grid1 records a result with a finding
        JsonObject withFinding = result(finding("flange on line 3 leaking", "MAJOR", "tank farm"));
        HttpResponse<Buffer> refused = tasks.post("grid2", "/api/tasks/" + done + "/result", withFinding);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        assertThat(tasks.post("grid1", "/api/tasks/" + done + "/result", withFinding).statusCode()).isEqualTo(200);

        // THEN the register got the finding
        assertThat(sink.reported).singleElement().satisfies(r -> {
            assertThat(r.finding().title()).isEqualTo("flange on line 3 leaking");
            assertThat(r.enterprise()).isEqualTo("ent-a");
            assertThat(r.taskId()).isEqualTo(done);
        });
        Await.result(first.stop());

        // AND after a restart on the same topics both tasks are as they were
        AlertServiceApp second = start(vertx, config, new TaskClient.RecordingSink());
        try {
            TaskClient again = new TaskClient(WebClient.create(vertx), second.httpPort());
            JsonObject task = again.get("grid1", "/api/tasks/" + done).bodyAsJsonObject().getJsonObject("task");
            assertThat(task.getString("status")).isEqualTo("DONE");
            JsonObject kept = task.getJsonObject("result").getJsonArray("findings").getJsonObject(0);
            assertThat(kept.getString("title")).isEqualTo("flange on line 3 leaking");
            assertThat(kept.getString("dangerId")).isEqualTo("danger-1");
            assertThat(again.get("grid1", "/api/tasks?assignee=me&status=OPEN").bodyAsJsonArray().stream()
                    .map(v -> ((JsonObject) v).getJsonObject("task").getString("id"))).containsExactly(open);
            assertThat(again.get("grid2", "/api/tasks/" + open).statusCode()).isEqualTo(403);
            // a new task continues the day's numbering, not reusing a stored id
            assertThat(again.create("ent-a", "grid1", "2027-02-01")).isNotIn(done, open);
        } finally {
            Await.result(second.stop());
        }
    }

    private static AlertServiceApp start(Vertx vertx, AlertServiceConfig config, TaskClient.RecordingSink sink) {
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config, new ScriptedAlarmSource(),
                new KafkaIncidentStore(vertx, config.kafkaBootstrap(), config.incidentStateTopic(),
                        config.incidentEventTopic(), config.alarmsTopic(), config.kafkaAuth()), Map.of(), null, null, null, sink,
                Clock.systemUTC()));
        Await.result(app.loaded());
        return app;
    }
}
