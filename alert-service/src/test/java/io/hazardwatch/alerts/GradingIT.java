package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.NONE;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grade follows the record, against the real broker: a level-2 alarm puts the enterprise on the priority list at
 * once; once it is cleared and closed, its record (a level-2 alarm in 90 days, weighted here to 40) keeps it on the
 * watch list. The lists survive a restart unchanged and the enterprise leaves the watch list only when its grade
 * improves (the alarm rolls out of the 90-day window: the service runs on a clock the test moves by months), with
 * the date and reason of its exit. The API shows each role only what it may see.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GradingIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    private static final String GRADING = """
            grading:
              weights: {secondLevel90d: 40}
            """;

    private WebClient web;

    @Test
    void theListsFollowTheRecordAndSurviveARestart(Vertx vertx, @TempDir Path dir) throws Exception {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy() + GRADING, Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.grading-it", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.grading-it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.grading-it", 1)));
        web = WebClient.create(vertx);
        RetentionIT.ShiftedClock clock = new RetentionIT.ShiftedClock();
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config, clock));
        Await.result(app.loaded());
        String gasId = Incident.idOf(GAS_KEY, T0);

        // GIVEN a live level-2 alarm: the priority list at once
        send(config, gas(RAISED, SECOND, 60, 50.0, T0, T0));
        Await.until(() -> names(lists(app, "duty").getJsonArray("priority")).contains("ent-a") ? true : null,
                () -> lists(app, "duty").encode());
        JsonObject priority = lists(app, "duty").getJsonArray("priority").getJsonObject(0);
        assertThat(priority.getString("reason")).contains("reached the alarm line 60", "1 level-2 alarm active now: +60");

        // WHEN it clears and the duty room closes it: its record keeps it on the watch list, off the priority list
        send(config, gas(CLEARED, NONE, 5, 50.0, T0, T0.plusSeconds(60)));
        Await.until(() -> "CLEARED_UNACKNOWLEDGED".equals(incidentStatus(app, gasId)) ? true : null, () -> gasId);
        HttpResponse<Buffer> closed = Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/incidents/" + gasId + "/close")
                .basicAuthentication("duty", TestFiles.PASSWORD).sendJsonObject(new JsonObject().put("action", "valve closed")));
        assertThat(closed.statusCode()).isEqualTo(200);
        Await.until(() -> score(app) == 44 ? true : null, () -> get(app, "duty", "/api/grades/ent-a").bodyAsString());
        JsonObject lists = lists(app, "duty");
        assertThat(names(lists.getJsonArray("priority"))).doesNotContain("ent-a");
        JsonObject watch = lists.getJsonArray("watch").getJsonObject(0);
        String since = watch.getString("since");
        assertThat(watch.getString("reason")).contains("1 level-2 alarm in 90 days: +40");
        assertThat(exits(lists)).contains("ent-a/PRIORITY");
        JsonObject grade = get(app, "duty", "/api/grades/ent-a").bodyAsJsonObject();
        assertThat(grade.getJsonObject("grade").getInteger("score")).as("40 + gas 3 + temperature 1").isEqualTo(44);
        assertThat(grade.getJsonObject("grade").getString("colour")).isEqualTo("YELLOW");
        Await.result(app.stop());

        // THEN after a restart it is still on the watch list, entered at the same time for the same reason
        AlertServiceApp restarted = Await.result(AlertServiceApp.start(vertx, config, clock));
        Await.result(restarted.loaded());
        JsonObject again = lists(restarted, "duty");
        assertThat(again.getJsonArray("watch").getJsonObject(0).getString("since")).isEqualTo(since);
        assertThat(names(again.getJsonArray("priority"))).isEmpty();
        assertThat(get(restarted, "duty", "/api/grades/ent-a").bodyAsJsonObject().getJsonObject("grade")
                .getInteger("score")).as("the tally came back, counted once").isEqualTo(44);
        checkRoles(restarted);

        // AND it leaves only once the alarm rolls out of the 90-day window, with the date and reason
        clock.shift(Duration.ofDays(92));
        Await.until(() -> names(lists(restarted, "duty").getJsonArray("watch")).isEmpty() ? true : null,
                () -> lists(restarted, "duty").encode());
        JsonObject after = lists(restarted, "duty");
        assertThat(exits(after)).contains("ent-a/WATCH");
        JsonObject exit = after.getJsonArray("exits").stream().map(o -> (JsonObject) o)
                .filter(e -> e.getString("list").equals("WATCH")).findFirst().orElseThrow();
        assertThat(exit.getString("reason")).contains("fell below the warning line 30");
        assertThat(Instant.parse(exit.getString("at"))).isAfter(Instant.now().plus(Duration.ofDays(91)));
        Await.result(restarted.stop());

        AlertServiceApp third = Await.result(AlertServiceApp.start(vertx, config, clock));
        Await.result(third.loaded());
        assertThat(names(lists(third, "duty").getJsonArray("watch"))).isEmpty();
        Await.result(third.stop());
    }

    /** An enterprise sees its own grade only, grid staff their cells', the duty room all. */
    private void checkRoles(AlertServiceApp app) {
        assertThat(names(get(app, "duty", "/api/grades").bodyAsJsonObject().getJsonArray("grades")))
                .containsExactlyInAnyOrder("ent-a", "ent-b");
        assertThat(names(get(app, "grid2", "/api/grades").bodyAsJsonObject().getJsonArray("grades"))).containsExactly("ent-b");
        assertThat(names(get(app, "ent-a-viewer", "/api/grades").bodyAsJsonObject().getJsonArray("grades")))
                .containsExactly("ent-a");
        assertThat(get(app, "ent-a-viewer", "/api/grades/ent-a").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> refused = get(app, "ent-a-viewer", "/api/grades/ent-b");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("forbidden");
        assertThat(get(app, "grid2", "/api/grades/ent-a").statusCode()).isEqualTo(403);
        assertThat(get(app, "duty", "/api/grades/no-such").statusCode()).isEqualTo(404);
        assertThat(names(lists(app, "grid2").getJsonArray("watch"))).isEmpty();
        assertThat(exits(lists(app, "grid2"))).isEmpty();
        assertThat(names(lists(app, "grid1").getJsonArray("watch"))).containsExactly("ent-a");
        JsonObject factors = get(app, "grid1", "/api/grades/ent-a").bodyAsJsonObject();
        assertThat(factors.getJsonObject("thresholds").getInteger("alarmLine")).isEqualTo(60);
        assertThat(factors.getJsonObject("grade").getJsonArray("factors").stream().map(o -> ((JsonObject) o).getString("id")))
                .contains("majorHazardLevel", "sensorTypes", "realReleases30d", "falseAlarmRate90d", "overdueDangers",
                        "activeSecondLevel");
    }

    private static void send(AlertServiceConfig config, AlarmEvent event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(config.alarmsTopic(), event.alarmKey(), Json.toBytes(event)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<Buffer> get(AlertServiceApp app, String user, String path) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", path).basicAuthentication(user, TestFiles.PASSWORD).send());
    }

    private JsonObject lists(AlertServiceApp app, String user) {
        return get(app, user, "/api/lists").bodyAsJsonObject();
    }

    private int score(AlertServiceApp app) {
        return get(app, "duty", "/api/grades/ent-a").bodyAsJsonObject().getJsonObject("grade").getInteger("score");
    }

    private String incidentStatus(AlertServiceApp app, String id) {
        HttpResponse<Buffer> r = get(app, "duty", "/api/incidents/" + id);
        return r.statusCode() == 200 ? r.bodyAsJsonObject().getString("status") : null;
    }

    private static java.util.List<String> names(JsonArray entries) {
        return entries.stream().map(o -> ((JsonObject) o).getString("enterprise")).toList();
    }

    private static java.util.List<String> exits(JsonObject lists) {
        return lists.getJsonArray("exits").stream()
                .map(o -> ((JsonObject) o).getString("enterprise") + "/" + ((JsonObject) o).getString("list")).toList();
    }
}
