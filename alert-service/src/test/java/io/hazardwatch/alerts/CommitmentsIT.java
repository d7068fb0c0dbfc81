package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.kafka.AlarmEventConsumer;
import io.hazardwatch.alerts.store.KafkaIncidentStore;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily safety commitment over HTTP against the real Vert.x server and the Kafka incident store, on a clock
 * driven around the park's 09:00 deadline (Asia/Shanghai): an enterprise commits for its own units only; past the
 * deadline the one that did not commit gets a COMMITMENT_MISSING incident, escalated to its grid member, which clears
 * once it commits (late); an alarm on the unit declared under maintenance is marked on the board and still
 * notified; a restart keeps it all.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CommitmentsIT {

    private static final ZoneId PARK = ZoneId.of("Asia/Shanghai");

    private static final String REGISTRY = """
            version: 1
            enterprises:
              - id: ent-a
                name: Test Chemicals A
                gridCell: grid-1
                majorHazards:
                  - {unit: tanks, peopleWithin500m: 10, substances: [{name: methane, quantity: 60, criticalQuantity: 50, beta: 1.5}]}
                devices:
                  - id: tank-1
                    unit: tanks
                    sensors:
                      - {id: lel-1, type: COMBUSTIBLE_GAS}
              - id: ent-b
                name: Test Cold Store B
                gridCell: grid-2
                majorHazards:
                  - {unit: cold room, peopleWithin500m: 10, substances: [{name: ammonia, quantity: 12, criticalQuantity: 10, beta: 2}]}
                  - {unit: engine room, peopleWithin500m: 10, substances: [{name: ammonia, quantity: 11, criticalQuantity: 10, beta: 2}]}
                devices:
                  - id: room-1
                    unit: cold room
                    sensors:
                      - {id: nh3-1, type: AMMONIA}
            """;
    private static final String USERS = TestFiles.USERS + """
              - {username: ent-b-safety, role: ENTERPRISE, enterprise: ent-b, passwordHash: "%s"}
            """.formatted(TestRegistry.PASSWORD_HASH);

    private Vertx vertx;
    private WebClient web;
    private ProviderFake provider;
    private KafkaProducer<String, byte[]> producer;
    private AlertServiceConfig config;
    private final RetentionIT.ShiftedClock clock = new RetentionIT.ShiftedClock();
    private LocalDate today;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        web = WebClient.create(vertx);
        provider = ProviderFake.start(vertx);
        producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new ByteArraySerializer());
        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.commit-it", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.commit-it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.commit-it", 1),
                "commitments.deadline", "09:00", "commitments.required", "true"));
        settings.put("registry.file", TestFiles.write(dir.resolve("registry-units.yaml"), REGISTRY).toString());
        settings.put("alert.users.file", TestFiles.write(dir.resolve("users-b.yaml"), USERS).toString());
        config = TestFiles.config(dir, TestFiles.quietPolicy(), settings);
        // the park's clock at 08:58 today: two minutes before the deadline
        today = LocalDate.ofInstant(Instant.now(), PARK);
        Instant eightFiftyEight = today.atTime(8, 58).atZone(PARK).toInstant();
        clock.shift(Duration.between(Instant.now(), eightFiftyEight));
    }

    @AfterEach
    void stop() {
        producer.close();
        provider.close();
    }

    private AlertServiceApp startService() {
        Map<String, Notifier> notifiers = Map.of("push", provider.notifier(vertx, "push"));
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config,
                new AlarmEventConsumer(config.kafkaBootstrap(), config.alarmsTopic(), config.kafkaAuth()), new KafkaIncidentStore(vertx,
                        config.kafkaBootstrap(), config.incidentStateTopic(), config.incidentEventTopic(),
                        config.alarmsTopic(), config.kafkaAuth()), notifiers, clock));
        Await.result(app.loaded());
        return app;
    }

    private static JsonObject tanksUnderMaintenanceWithHotWork() {
        return new JsonObject().put("person", "Li Wei").put("phone", "+86 138 0000 0001").put("units",
                new JsonArray().add(new JsonObject().put("unit", "tanks").put("state", "MAINTENANCE")
                        .put("specialWork", new JsonArray().add("HOT_WORK"))));
    }

    @Test
    void anEnterpriseCommitsItsOwnTheMissingOneIsEscalatedUntilItCommitsAndARestartKeepsIt() throws Exception {
        AlertServiceApp app = startService();
        String path = "/api/commitments/ent-a/" + today;

        // GIVEN before the deadline: both are due
        JsonObject day = get(app, "/api/commitments", "duty").bodyAsJsonObject();
        assertThat(day.getString("date")).isEqualTo(today.toString());
        assertThat(day.getString("deadlineTime")).isEqualTo("09:00");
        assertThat(day.getJsonArray("enterprises")).extracting(e -> ((JsonObject) e).getString("status"))
                .containsExactly("DUE", "DUE");

        // WHEN ent-a's safety officer commits: tanks under maintenance, hot work under way
        HttpResponse<Buffer> made = put(app, path, "ent-a-viewer", tanksUnderMaintenanceWithHotWork());
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(200);
        assertThat(made.bodyAsJsonObject().getString("status")).isEqualTo("SUBMITTED");

        // THEN nobody else may write it, another enterprise is refused, a bad form names its field
        assertThat(put(app, "/api/commitments/ent-b/" + today, "ent-a-viewer", tanksUnderMaintenanceWithHotWork())
                .statusCode()).isEqualTo(403);
        assertThat(put(app, path, "duty", tanksUnderMaintenanceWithHotWork()).statusCode()).isEqualTo(403);
        assertThat(put(app, path, "grid1", tanksUnderMaintenanceWithHotWork()).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> bad = put(app, path, "ent-a-viewer", tanksUnderMaintenanceWithHotWork().put("phone", "x"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("message")).startsWith("phone:");
        assertThat(put(app, "/api/commitments/ent-a/" + today.minusDays(1), "ent-a-viewer",
                tanksUnderMaintenanceWithHotWork()).statusCode()).isEqualTo(400);
        assertThat(get(app, path, "grid2").statusCode()).isEqualTo(403);
        assertThat(get(app, "/api/commitments/ent-x/" + today, "duty").statusCode()).isEqualTo(404);
        assertThat(get(app, "/api/commitments", "ent-a-viewer").bodyAsJsonObject().getJsonArray("enterprises"))
                .extracting(e -> ((JsonObject) e).getString("enterprise")).containsExactly("ent-a");

        // WHEN the deadline passes without ent-b's commitment
        clock.shift(Duration.between(Instant.now(), today.atTime(9, 0, 30).atZone(PARK).toInstant()));

        // THEN ent-b is missing, and a COMMITMENT_MISSING incident of ent-b goes to its grid member
        JsonObject missing = Await.until(() -> missingIncident(app), () -> "no COMMITMENT_MISSING incident");
        assertThat(missing.getJsonObject("alarm").getString("enterprise")).isEqualTo("ent-b");
        assertThat(missing.getJsonObject("alarm").getString("level")).isEqualTo("FIRST");
        Await.until(() -> provider.to("member-2").isEmpty() ? null : true, () -> provider.received().toString());
        assertThat(statuses(get(app, "/api/commitments", "grid2").bodyAsJsonObject())).containsExactly("MISSING");

        // AND an alarm on ent-a's tanks (declared under maintenance) is marked so on the board, and still notified
        Instant raisedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        producer.send(new ProducerRecord<>(config.alarmsTopic(), GAS_KEY, Json.toBytes(gas(AlarmTransition.RAISED,
                AlarmLevel.SECOND, 55, 50.0, raisedAt, raisedAt)))).get(30, TimeUnit.SECONDS);
        Await.until(() -> provider.to("member-1").isEmpty() ? null : true, () -> provider.received().toString());
        SseClient stream = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream", "duty",
                TestFiles.PASSWORD));
        JsonArray rows = new JsonArray(stream.nextEvent("snapshot", Await.LIMIT).data());
        Await.result(stream.close());
        JsonObject gasRow = rows.stream().map(JsonObject.class::cast)
                .filter(r -> r.getJsonObject("alarm").getString("alarmKey").equals(GAS_KEY)).findFirst().orElseThrow();
        assertThat(gasRow.getJsonObject("declared").getString("state")).isEqualTo("MAINTENANCE");
        assertThat(gasRow.getJsonObject("declared").getJsonArray("specialWork")).containsExactly("HOT_WORK");
        JsonObject gasIncident = get(app, "/api/incidents/" + Incident.idOf(GAS_KEY, raisedAt), "duty").bodyAsJsonObject();
        assertThat(gasIncident.getString("suppressedBy")).isNull();
        assertThat(gasIncident.getJsonArray("deliveries")).isNotEmpty();

        // WHEN ent-b commits after the deadline
        JsonObject entB = new JsonObject().put("person", "Wang Fang").put("phone", "13900000002").put("units",
                new JsonArray().add(new JsonObject().put("unit", "cold room").put("state", "RUNNING"))
                        .add(new JsonObject().put("unit", "engine room").put("state", "STOPPED")));
        HttpResponse<Buffer> late = put(app, "/api/commitments/ent-b/" + today, "ent-b-safety", entB);
        assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(200);
        assertThat(late.bodyAsJsonObject().getString("status")).isEqualTo("LATE");

        // THEN its incident clears
        String missingId = missing.getString("id");
        Await.until(() -> get(app, "/api/incidents/" + missingId, "duty").bodyAsJsonObject().getString("clearedAt"),
                () -> get(app, "/api/incidents/" + missingId, "duty").bodyAsString());

        // AND after a restart the commitments are kept, and the missing one is not raised again
        Await.result(app.stop());
        AlertServiceApp restarted = startService();
        JsonObject kept = get(restarted, "/api/commitments", "duty").bodyAsJsonObject();
        assertThat(statuses(kept)).containsExactly("SUBMITTED", "LATE");
        JsonObject a = get(restarted, path, "grid1").bodyAsJsonObject().getJsonObject("commitment");
        assertThat(a.getString("person")).isEqualTo("Li Wei");
        assertThat(a.getJsonArray("units").getJsonObject(0).getString("state")).isEqualTo("MAINTENANCE");
        Thread.sleep(500);
        JsonArray missingAfter = get(restarted, "/api/incidents?alarmType=COMMITMENT_MISSING", "duty").bodyAsJsonArray();
        assertThat(missingAfter).hasSize(1);
        assertThat(missingAfter.getJsonObject(0).getString("clearedAt")).isNotNull();

        // AND the next day (the park's) starts afresh: past its deadline both are missing, each escalated once more
        LocalDate tomorrow = today.plusDays(1);
        clock.shift(Duration.between(Instant.now(), tomorrow.atTime(9, 0, 30).atZone(PARK).toInstant()));
        Await.until(() -> get(restarted, "/api/incidents?alarmType=COMMITMENT_MISSING", "duty").bodyAsJsonArray()
                .size() == 3 ? true : null, () -> "not both raised for " + tomorrow);
        JsonObject next = get(restarted, "/api/commitments", "duty").bodyAsJsonObject();
        assertThat(next.getString("date")).isEqualTo(tomorrow.toString());
        assertThat(statuses(next)).containsExactly("MISSING", "MISSING");
        assertThat(statuses(get(restarted, "/api/commitments?date=" + today, "duty").bodyAsJsonObject()))
                .containsExactly("SUBMITTED", "LATE");

        // AND once that day is over without commitments, its two incidents clear (they stay open for the duty room)
        clock.shift(Duration.between(Instant.now(), tomorrow.plusDays(1).atTime(8, 0).atZone(PARK).toInstant()));
        Await.until(() -> get(restarted, "/api/incidents?alarmType=COMMITMENT_MISSING", "duty").bodyAsJsonArray()
                .stream().allMatch(i -> ((JsonObject) i).getString("clearedAt") != null) ? true : null,
                () -> get(restarted, "/api/incidents?alarmType=COMMITMENT_MISSING", "duty").bodyAsString());
        assertThat(get(restarted, "/api/incidents?alarmType=COMMITMENT_MISSING&open=true", "duty").bodyAsJsonArray())
                .hasSize(3);
        Await.result(restarted.stop());
    }

    private JsonObject missingIncident(AlertServiceApp app) {
        JsonArray list = get(app, "/api/incidents?alarmType=COMMITMENT_MISSING", "duty").bodyAsJsonArray();
        return list.isEmpty() ? null : list.getJsonObject(0);
    }

    private static java.util.List<String> statuses(JsonObject day) {
        return day.getJsonArray("enterprises").stream().map(e -> ((JsonObject) e).getString("status")).toList();
    }

    private HttpResponse<Buffer> get(AlertServiceApp app, String path, String user) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", path).basicAuthentication(user, TestFiles.PASSWORD)
                .send());
    }

    private HttpResponse<Buffer> put(AlertServiceApp app, String path, String user, JsonObject body) {
        return Await.result(web.put(app.httpPort(), "127.0.0.1", path).basicAuthentication(user, TestFiles.PASSWORD)
                .sendJsonObject(body));
    }
}
