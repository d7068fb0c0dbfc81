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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duty room's shifts through the real service on the Kafka store: who is on duty, a swap, a hand-over written by
 * the outgoing officer and acknowledged by the incoming one, the duty log — and after a restart all of it is still
 * there. duty has the day shift (00:00-12:00 in the park), duty2 the night shift, every day.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DutyIT {

    static final String ROSTER = """
            shifts:
              - {name: day, from: "00:00", to: "12:00"}
              - {name: night, from: "12:00", to: "00:00"}
            weekly:
              - {days: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY], shift: day, officer: duty, leader: Zhang}
              - {days: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY], shift: night, officer: duty2, leader: Li}
            """;

    private WebClient web;
    private AlertServiceApp app;

    @Test
    void aHandoverIsWrittenAcknowledgedByTheIncomingOfficerLoggedAndKeptAfterARestart(Vertx vertx, @TempDir Path dir)
            throws Exception {
        String duty2 = TestFiles.USERS.lines().filter(l -> l.contains("username: duty,")).findFirst().orElseThrow()
                .replace("username: duty,", "username: duty2,");
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.duty-it", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.duty-it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.duty-it", 1),
                "alert.users.file", TestFiles.write(dir.resolve("users-duty.yaml"), TestFiles.USERS + duty2 + "\n").toString(),
                "alert.roster.file", TestFiles.write(dir.resolve("roster.yaml"), ROSTER).toString()));
        web = WebClient.create(vertx);
        app = Await.result(AlertServiceApp.start(vertx, config));
        Await.result(app.loaded());
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);

        // GIVEN the roster: someone is on duty now, the other one next
        JsonObject now = call(HttpMethod.GET, "grid1", "/api/duty/now", null).bodyAsJsonObject();
        String current = now.getJsonObject("current").getString("officer");
        assertThat(current).isIn("duty", "duty2");
        assertThat(now.getJsonObject("next").getString("officer")).isNotEqualTo(current);
        assertThat(now.getString("zone")).isEqualTo("Asia/Shanghai");
        assertThat(now.getBoolean("mayHandOver")).isFalse();

        // WHEN duty swaps tomorrow's day shift for duty2's night; others may not, bad input names the field
        HttpResponse<Buffer> swapped = call(HttpMethod.POST, "duty", "/api/duty/swaps", new JsonObject()
                .put("date", tomorrow.toString()).put("shift", "day").put("withOfficer", "duty2")
                .put("withDate", tomorrow.toString()).put("withShift", "night"));
        assertThat(swapped.statusCode()).as(swapped.bodyAsString()).isEqualTo(201);
        assertThat(swapped.bodyAsJsonObject().getString("id")).matches("swap-\\d{8}-1");
        assertThat(call(HttpMethod.POST, "grid1", "/api/duty/swaps", new JsonObject().put("date", tomorrow.toString())
                .put("shift", "day").put("withOfficer", "duty")).statusCode()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, "duty", "/api/duty/swaps", new JsonObject()
                .put("date", tomorrow.plusDays(1).toString()).put("shift", "night").put("withOfficer", "grid1"))
                .statusCode()).as("not duty's shift").isEqualTo(403);
        HttpResponse<Buffer> bad = call(HttpMethod.POST, "duty", "/api/duty/swaps", new JsonObject()
                .put("date", "tomorrow").put("shift", "day").put("withOfficer", "duty2"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("message")).startsWith("date:");
        assertThat(officers("/api/duty/roster?from=" + tomorrow + "&to=" + tomorrow)).containsExactly("duty2", "duty");

        // WHEN the outgoing officer hands over
        String outgoing = current;
        String incoming = current.equals("duty") ? "duty2" : "duty";
        assertThat(call(HttpMethod.POST, "grid1", "/api/duty/handovers", new JsonObject().put("notes", "x"))
                .statusCode()).isEqualTo(403);
        HttpResponse<Buffer> written = call(HttpMethod.POST, outgoing, "/api/duty/handovers",
                new JsonObject().put("notes", "pump P-3 under repair"));
        assertThat(written.statusCode()).as(written.bodyAsString()).isEqualTo(201);
        JsonObject handover = written.bodyAsJsonObject().getJsonObject("handover");
        String id = handover.getString("id");
        assertThat(id).matches("handover-\\d{8}-1");
        assertThat(handover.getString("notes")).isEqualTo("pump P-3 under repair");
        assertThat(handover.getJsonObject("summary").getInteger("openIncidents")).isZero();
        assertThat(written.bodyAsJsonObject().getBoolean("mayAcknowledge")).isFalse();
        JsonObject pending = call(HttpMethod.GET, incoming, "/api/duty/now", null).bodyAsJsonObject()
                .getJsonObject("pending");
        assertThat(pending.getJsonObject("handover").getString("id")).isEqualTo(id);
        assertThat(pending.getBoolean("mayAcknowledge")).isTrue();

        // THEN only someone else of the duty room acknowledges it, once
        assertThat(call(HttpMethod.POST, outgoing, "/api/duty/handovers/" + id + "/acknowledge", null).statusCode())
                .isEqualTo(403);
        assertThat(call(HttpMethod.POST, "grid1", "/api/duty/handovers/" + id + "/acknowledge", null).statusCode())
                .isEqualTo(403);
        assertThat(call(HttpMethod.POST, incoming, "/api/duty/handovers/nope/acknowledge", null).statusCode())
                .isEqualTo(404);
        HttpResponse<Buffer> acked = call(HttpMethod.POST, incoming, "/api/duty/handovers/" + id + "/acknowledge", null);
        assertThat(acked.statusCode()).as(acked.bodyAsString()).isEqualTo(200);
        assertThat(acked.bodyAsJsonObject().getJsonObject("handover").getJsonObject("acknowledged").getString("by"))
                .isEqualTo(incoming);
        assertThat(call(HttpMethod.POST, incoming, "/api/duty/handovers/" + id + "/acknowledge", null).statusCode())
                .isEqualTo(409);
        assertThat(call(HttpMethod.GET, "duty", "/api/duty/now", null).bodyAsJsonObject().getValue("pending")).isNull();

        // AND an incident's events come from the incident-event topic into the log, for whoever may see its enterprise
        try (AlarmTopic alarms = new AlarmTopic(config.kafkaBootstrap(), config.alarmsTopic())) {
            java.time.Instant raisedAt = java.time.Instant.now();
            alarms.send(AlarmEvents.gas(io.hazardwatch.model.AlarmTransition.RAISED, io.hazardwatch.model.AlarmLevel.FIRST,
                    30, 25.0, raisedAt, raisedAt));
        }
        JsonObject raised = Await.until(() -> {
            JsonObject found = call(HttpMethod.GET, "duty", "/api/duty/log?q=RAISED", null).bodyAsJsonObject();
            return found.getJsonArray("entries").isEmpty() ? null : found;
        }, () -> "no RAISED line in the duty log");
        assertThat(raised.getBoolean("auditRead")).isTrue();
        assertThat(raised.getJsonArray("entries").getJsonObject(0).getString("enterprise")).isEqualTo("ent-a");
        assertThat(logActions("grid1", "/api/duty/log?q=RAISED")).containsExactly("RAISED");
        assertThat(logActions("grid2", "/api/duty/log?q=RAISED")).isEmpty();

        // AND the duty log has it, searchable and exportable; grid staff do not see the duty room's own lines
        assertThat(logActions("duty", "/api/duty/log?q=" + id)).containsExactly("acknowledged", "written");
        assertThat(logActions("duty", "/api/duty/log?q=swap")).containsExactly("swap");
        assertThat(logActions("grid1", "/api/duty/log?q=handover")).isEmpty();
        HttpResponse<Buffer> csv = call(HttpMethod.GET, "duty", "/api/duty/log.csv?q=" + id, null);
        assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
        assertThat(csv.bodyAsString().lines()).hasSize(3).first().isEqualTo(String.join(",",
                "at", "kind", "subject", "enterprise", "gridCell", "actor", "action", "detail"));
        assertThat(call(HttpMethod.GET, "duty", "/api/duty/log?from=yesterday", null).statusCode()).isEqualTo(400);
        // the files reloaded without a restart show their versions in /health
        JsonArray files = Await.result(web.get(app.httpPort(), "127.0.0.1", "/health").send()).bodyAsJsonObject()
                .getJsonArray("configFiles");
        assertThat(files.stream().map(f -> ((JsonObject) f).getString("key")).toList())
                .containsExactly("alert.policy.file", "alert.users.file", "alert.roster.file");

        // AND after a restart the hand-over and the swap are still there
        Await.result(app.stop());
        app = Await.result(AlertServiceApp.start(vertx, config));
        Await.result(app.loaded());
        JsonObject back = call(HttpMethod.GET, "duty", "/api/duty/handovers/" + id, null).bodyAsJsonObject();
        assertThat(back.getJsonObject("handover").getJsonObject("acknowledged").getString("by")).isEqualTo(incoming);
        assertThat(back.getJsonObject("handover").getString("by")).isEqualTo(outgoing);
        assertThat(officers("/api/duty/roster?from=" + tomorrow + "&to=" + tomorrow)).containsExactly("duty2", "duty");
        Await.result(app.stop());
    }

    private List<String> officers(String path) {
        HttpResponse<Buffer> r = call(HttpMethod.GET, "duty", path, null);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getJsonArray("slots").stream().map(s -> ((JsonObject) s).getString("officer")).toList();
    }

    private List<String> logActions(String user, String path) {
        HttpResponse<Buffer> r = call(HttpMethod.GET, user, path, null);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getJsonArray("entries").stream().map(e -> ((JsonObject) e).getString("action"))
                .toList();
    }

    private HttpResponse<Buffer> call(HttpMethod method, String user, String path, JsonObject body) {
        HttpRequest<Buffer> request = web.request(method, app.httpPort(), "127.0.0.1", path)
                .basicAuthentication(user, TestFiles.PASSWORD);
        return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    }
}
