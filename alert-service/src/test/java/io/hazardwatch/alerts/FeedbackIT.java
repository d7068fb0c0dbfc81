package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.NH3_KEY;
import static io.hazardwatch.alerts.AlarmEvents.ammonia;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.NONE;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.kafka.AlarmEventConsumer;
import io.hazardwatch.alerts.store.KafkaIncidentStore;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enterprise's feedback loop against the real service and the Kafka store of the test stack: the enterprise is
 * asked with a link, confirms, reports with a photo; another enterprise is refused; the duty room verifies and closes;
 * after a restart the whole record — feedback, attachment metadata and bytes — is still there. An answer that does
 * not come in time is marked late and the grid is told again.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FeedbackIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    /** The smallest PNG header: the magic bytes, then anything. */
    private static final byte[] PHOTO = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    /** Level 1: an hour to confirm (the loop test never comes near it); level 2: half a second (the overdue test). */
    private static final String FEEDBACK = """
            feedback:
              deadlines:
                FIRST: {confirm: PT1H, report: PT2H}
                SECOND: {confirm: PT0.5S, report: PT1H}
            enterpriseContacts:
              ent-a:
                - {id: ent-a-safety, name: Safety Officer A, channel: push, address: ent-a-safety}
            """;

    private Vertx vertx;
    private AlarmTopic alarms;
    private WebClient web;
    private ProviderFake provider;
    private AlertServiceConfig config;

    @BeforeEach
    void freshTopics(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.it", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.it", 1),
                "alert.attachments.dir", dir.resolve("attachments").toString(),
                "alert.attachments.max-bytes", "2048",
                "alert.board.public-url", "https://board.example.org/hw/",
                "alert.ack.secret", "feedback-it-secret-feedback-it-secret",
                "alert.board.session-secret", "feedback-it-session-secret-feedback-it"));
        config = TestFiles.config(dir, TestFiles.quietPolicy() + FEEDBACK, settings);
        alarms = new AlarmTopic(config.kafkaBootstrap(), config.alarmsTopic());
        web = WebClient.create(vertx);
        provider = ProviderFake.start(vertx);
    }

    @AfterEach
    void close() {
        alarms.close();
        provider.close();
    }

    @Test
    void theEnterpriseAnswersTheDutyRoomVerifiesAndClosesAndTheRecordSurvivesARestart() throws Exception {
        AlertServiceApp app = start();
        alarms.send(gas(RAISED, FIRST, 30, 25.0, T0, T0));
        String id = Incident.idOf(GAS_KEY, T0);

        // THEN the enterprise's contact is asked for its answer, with a link to the incident on the board
        ProviderFake.Received asked = Await.until(() -> provider.to("ent-a-safety").isEmpty() ? null
                : provider.to("ent-a-safety").get(0), () -> provider.received().toString());
        assertThat(asked.body().getString("subject")).startsWith("【请反馈】");
        assertThat(asked.body().getString("body")).contains("https://board.example.org/hw/#incident/" + id);
        assertThat(get(app, "/api/incidents/" + id, "duty").bodyAsJsonObject().getJsonObject("feedbackState")
                .getString("state")).isEqualTo("DUE");

        // WHEN another enterprise tries to answer, and the duty room tries to answer for it: refused
        assertThat(post(app, "/api/incidents/" + id + "/feedback/confirm", "ent-b-viewer", null).statusCode())
                .isEqualTo(403);
        assertThat(post(app, "/api/incidents/" + id + "/feedback/confirm", "duty", null).statusCode()).isEqualTo(403);

        // AND the enterprise confirms, attaches a photo and reports
        HttpResponse<Buffer> confirmed = post(app, "/api/incidents/" + id + "/feedback/confirm", "ent-a-viewer", null);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.bodyAsJsonObject().getJsonObject("feedback").getJsonObject("confirmed").getString("by"))
                .isEqualTo("ent-a-viewer");
        HttpResponse<Buffer> photo = Await.result(request(app, web.post(app.httpPort(), "127.0.0.1",
                "/api/incidents/" + id + "/attachments?name=valve%20V-12.png"), "ent-a-viewer")
                .putHeader("Content-Type", "image/png").sendBuffer(Buffer.buffer(PHOTO)));
        assertThat(photo.statusCode()).as(photo.bodyAsString()).isEqualTo(201);
        String attachmentId = photo.bodyAsJsonObject().getString("id");
        HttpResponse<Buffer> notAPhoto = Await.result(request(app, web.post(app.httpPort(), "127.0.0.1",
                "/api/incidents/" + id + "/attachments?name=x.png"), "ent-a-viewer")
                .putHeader("Content-Type", "image/png").sendBuffer(Buffer.buffer("<html>not a png</html>")));
        assertThat(notAPhoto.statusCode()).isEqualTo(415);
        HttpResponse<Buffer> tooLarge = Await.result(request(app, web.post(app.httpPort(), "127.0.0.1",
                "/api/incidents/" + id + "/attachments?name=big.png"), "ent-a-viewer")
                .putHeader("Content-Type", "image/png").sendBuffer(Buffer.buffer(new byte[4096])));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.bodyAsJsonObject().getString("error")).isEqualTo("too_large");
        assertThat(put(app, "/api/incidents/" + id + "/feedback/report", "ent-a-viewer",
                new JsonObject().put("measures", "valve closed").put("responsible", "Wang")).bodyAsJsonObject()
                .getString("message")).contains("cause");
        HttpResponse<Buffer> reported = put(app, "/api/incidents/" + id + "/feedback/report", "ent-a-viewer",
                new JsonObject().put("cause", "REAL_RELEASE").put("measures", "valve V-12 closed, area ventilated")
                        .put("responsible", "Wang Qiang, shift lead"));
        assertThat(reported.statusCode()).as(reported.bodyAsString()).isEqualTo(200);
        assertThat(reported.bodyAsJsonObject().getJsonObject("feedbackState").getString("state")).isEqualTo("REPORTED");

        // AND the enterprise may not verify or close; the duty room verifies, and closes once the alarm cleared
        assertThat(post(app, "/api/incidents/" + id + "/feedback/verify", "ent-a-viewer", null).statusCode())
                .isEqualTo(403);
        HttpResponse<Buffer> verified = post(app, "/api/incidents/" + id + "/feedback/verify", "duty", null);
        assertThat(verified.statusCode()).as(verified.bodyAsString()).isEqualTo(200);
        alarms.send(gas(CLEARED, NONE, 10, 25.0, T0, T0.plusSeconds(60)));
        Await.until(() -> "CLEARED_UNACKNOWLEDGED".equals(get(app, "/api/incidents/" + id, "duty").bodyAsJsonObject()
                .getString("status")) ? true : null, () -> "not cleared");
        HttpResponse<Buffer> closed = post(app, "/api/incidents/" + id + "/close", "duty",
                new JsonObject().put("action", "enterprise's measures checked on site"));
        assertThat(closed.statusCode()).as(closed.bodyAsString()).isEqualTo(200);
        Await.result(app.stop());

        // THEN after a restart the whole record is there: feedback, attachment metadata and its bytes
        AlertServiceApp restarted = start();
        JsonObject record = get(restarted, "/api/incidents/" + id + "/record", "ent-a-viewer").bodyAsJsonObject();
        JsonObject feedback = record.getJsonObject("feedback");
        assertThat(record.getJsonObject("incident").getString("status")).isEqualTo("CLOSED");
        assertThat(feedback.getJsonObject("report").getString("cause")).isEqualTo("REAL_RELEASE");
        assertThat(feedback.getJsonObject("verified").getString("by")).isEqualTo("duty");
        assertThat(feedback.getJsonArray("attachments").getJsonObject(0).getString("name")).isEqualTo("valve V-12.png");
        assertThat(record.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")))
                .contains("FEEDBACK_CONFIRMED", "ATTACHMENT_ADDED", "FEEDBACK_REPORTED", "FEEDBACK_VERIFIED", "CLOSED");
        HttpResponse<Buffer> bytes = get(restarted, "/api/incidents/" + id + "/attachments/" + attachmentId, "duty");
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body().getBytes()).isEqualTo(PHOTO);
        assertThat(bytes.getHeader("Content-Type")).isEqualTo("image/png");
        assertThat(bytes.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(bytes.getHeader("Content-Disposition")).contains("valve_V-12.png");
        assertThat(get(restarted, "/api/incidents/" + id + "/attachments/" + attachmentId, "ent-b-viewer").statusCode())
                .isEqualTo(403);
        // AND the export has the row for the enterprise, none for another
        String csv = get(restarted, "/api/incidents/export.csv", "ent-a-viewer").bodyAsString();
        assertThat(csv).contains(id).contains("\"valve V-12 closed, area ventilated\"").contains("VERIFIED");
        assertThat(get(restarted, "/api/incidents/export.csv", "ent-b-viewer").bodyAsString()).doesNotContain(id);
        assertThat(get(restarted, "/api/incidents/export.csv?from=yesterday", "duty").statusCode()).isEqualTo(400);
        Await.result(restarted.stop());
    }

    @Test
    void anOverdueAnswerIsMarkedLateAndTheGridIsToldAgain() throws Exception {
        AlertServiceApp app = start();
        // GIVEN a level-2 alarm of enterprise B, whose answer is due within half a second
        alarms.send(ammonia(RAISED, SECOND, 60, 40.0, T0, T0));
        String id = Incident.idOf(NH3_KEY, T0);

        // THEN the confirmation is marked late, and the grid member is told again with purpose "feedback overdue"
        JsonObject late = Await.until(() -> {
            // the incident may not be there yet (404), or be there before its feedback record
            HttpResponse<Buffer> r = get(app, "/api/incidents/" + id, "duty");
            JsonObject state = r.statusCode() == 200 ? r.bodyAsJsonObject().getJsonObject("feedbackState") : null;
            return state != null && "LATE".equals(state.getString("state")) ? r.bodyAsJsonObject() : null;
        }, () -> "not late");
        assertThat(late.getJsonObject("feedback").getJsonArray("late").getList()).containsExactly("confirm");
        assertThat(late.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("type")))
                .contains("FEEDBACK_OVERDUE");
        ProviderFake.Received overdue = Await.until(() -> provider.to("member-2").stream()
                .filter(r -> r.body().getString("subject").startsWith("【反馈逾期】")).findFirst().orElse(null),
                () -> provider.received().toString());
        assertThat(overdue.body().getString("body")).contains(id);
        JsonObject row = get(app, "/api/incidents/" + id, "duty").bodyAsJsonObject();
        assertThat(row.getJsonArray("deliveries").stream().map(d -> ((JsonObject) d).getString("purpose")))
                .contains("feedback-overdue/step-0");
        Await.result(app.stop());
    }

    private AlertServiceApp start() {
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config, new AlarmEventConsumer(
                config.kafkaBootstrap(), config.alarmsTopic(), config.kafkaAuth()), new KafkaIncidentStore(vertx, config.kafkaBootstrap(),
                config.incidentStateTopic(), config.incidentEventTopic(), config.alarmsTopic(), config.kafkaAuth()),
                Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
        Await.result(app.loaded());
        return app;
    }


    private <T> HttpRequest<T> request(AlertServiceApp app, HttpRequest<T> request, String user) {
        return request.basicAuthentication(user, TestFiles.PASSWORD);
    }

    private HttpResponse<Buffer> get(AlertServiceApp app, String path, String user) {
        return Await.result(request(app, web.get(app.httpPort(), "127.0.0.1", path), user).send());
    }

    private HttpResponse<Buffer> post(AlertServiceApp app, String path, String user, JsonObject body) {
        HttpRequest<Buffer> request = request(app, web.post(app.httpPort(), "127.0.0.1", path), user);
        return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    }

    private HttpResponse<Buffer> put(AlertServiceApp app, String path, String user, JsonObject body) {
        return Await.result(request(app, web.put(app.httpPort(), "127.0.0.1", path), user).sendJsonObject(body));
    }
}
