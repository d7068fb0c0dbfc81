package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.NONE;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.InfluxTestDatabase;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.history.IncidentMarkWriter;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.ReadingSeries;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents in the real InfluxDB: an alarm's opening, acknowledgement, clearing and closing are points of measurement
 * {@code incident} with the schema's tags and fields; an InfluxDB that never answers does not slow the engine.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class IncidentMarksIT {

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private InfluxTestDatabase db;
    private AlertServiceApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            Await.result(app.stop());
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void anIncidentsLifeIsWrittenAsPointsAndReadBack(Vertx vertx, @TempDir Path dir) throws Exception {
        db = InfluxTestDatabase.create("incident_marks_it");
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of("influx.incidents", "true",
                "influx.url", db.url(), "influx.database", db.name()));
        app = Await.result(AlertServiceApp.start(vertx, config, source, new InMemoryIncidentStore(), Map.of(),
                Clock.systemUTC()));
        Await.result(app.loaded());
        Instant t0 = Instant.now().minusSeconds(60);
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, t0, t0)));
        WebClient web = WebClient.create(vertx);
        String id = Await.until(() -> {
            var list = get(web, "/api/incidents").bodyAsJsonArray();
            return list.isEmpty() ? null : list.getJsonObject(0).getString("id");
        }, () -> "no incident");
        post(web, "/api/incidents/" + id + "/acknowledge", null);
        Await.result(source.deliver(gas(CLEARED, NONE, 5, 25.0, t0, t0.plusSeconds(30))));
        Await.until(() -> "CLEARED".equals(get(web, "/api/incidents/" + id).bodyAsJsonObject().getString("status"))
                ? true : null, () -> get(web, "/api/incidents/" + id).bodyAsString());
        assertThat(post(web, "/api/incidents/" + id + "/close", new JsonObject().put("action", "vented")).statusCode())
                .isEqualTo(200);

        try (InfluxDB influx = (TestEnv.influxLogin().present() ? InfluxDBFactory.connect(db.url(), TestEnv.influxLogin().username(),
                TestEnv.influxLogin().password()) : InfluxDBFactory.connect(db.url()))) {
            List<List<Object>> rows = Await.until(() -> {
                List<List<Object>> r = select(influx, "SELECT \"event\", \"incident_id\", \"value\", \"threshold\","
                        + " \"enterprise\", \"device\", \"sensor\", \"alarm_type\", \"level\" FROM \"incident\"");
                return r.size() == 4 ? r : null;
            }, () -> "points so far: " + select(influx, "SELECT * FROM \"incident\""));
            assertThat(rows).extracting(r -> r.get(1)).containsExactly(ReadingSeries.EVENT_OPENED,
                    ReadingSeries.EVENT_ACKNOWLEDGED, ReadingSeries.EVENT_CLEARED, ReadingSeries.EVENT_CLOSED);
            assertThat(rows.get(0).subList(2, 10)).containsExactly(id, 30.0, 25.0, TestRegistry.ENT_A,
                    TestRegistry.ENT_A_DEVICE, TestRegistry.ENT_A_GAS, "THRESHOLD", "FIRST");
        }
        // the board's sensor chart reads them back from the same schema
        io.vertx.core.json.JsonArray marks = get(web, "/api/sensors/" + TestRegistry.ENT_A + "/" + TestRegistry.ENT_A_DEVICE
                + "/" + TestRegistry.ENT_A_GAS + "/history?minutes=60").bodyAsJsonObject().getJsonArray("marks");
        assertThat(marks).hasSize(4);
        assertThat(marks.getJsonObject(0).getString("event")).isEqualTo(ReadingSeries.EVENT_OPENED);
        assertThat(marks.getJsonObject(3).getString("incidentId")).isEqualTo(id);
        JsonObject counts = get(web, "/api/reports").bodyAsJsonObject().getJsonObject("incidentMarks");
        assertThat(counts.getLong("written")).isEqualTo(4);
        assertThat(counts.getLong("dropped")).isZero();
    }

    @Test
    void anInfluxThatNeverAnswersDoesNotHoldBackTheEngineAFullBufferDropsAndCounts() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0)) {
            Thread accepter = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept()); // accepts, never answers
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            accepter.setDaemon(true);
            accepter.start();
            IncidentMarkWriter writer = new IncidentMarkWriter("http://127.0.0.1:" + blackHole.getLocalPort(), "nowhere",
                    100);
            Instant t0 = Instant.now();
            List<Incident> incidents = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                incidents.add(Incident.open(gas(RAISED, FIRST, 30, 25.0, t0.plusMillis(i), t0.plusMillis(i)),
                        "grid-1", t0.plusMillis(i)));
            }

            long started = System.nanoTime();
            incidents.forEach(writer::incidentChanged);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(tookMs).as("1000 changes told while InfluxDB hangs").isLessThan(1000);
            IncidentMarkWriter.Counts counts = writer.counts();
            assertThat(counts.written()).isZero();
            assertThat(counts.dropped()).as("the buffer holds 100; the worker holds at most one batch of them")
                    .isBetween(400L, 900L);
            assertThat(counts.dropped() + counts.queued()).isLessThanOrEqualTo(1000L);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** The rows of the first series of {@code q} (time first, then the columns selected); none if there are none. */
    private List<List<Object>> select(InfluxDB influx, String q) {
        QueryResult result = influx.query(new Query(q, db.name()));
        if (result.hasError() || result.getResults().get(0).getSeries() == null) {
            return List.of();
        }
        return result.getResults().get(0).getSeries().get(0).getValues();
    }

    private HttpResponse<Buffer> get(WebClient web, String path) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", path).basicAuthentication("duty", TestFiles.PASSWORD)
                .send());
    }

    private HttpResponse<Buffer> post(WebClient web, String path, JsonObject body) {
        var request = web.post(app.httpPort(), "127.0.0.1", path).basicAuthentication("duty", TestFiles.PASSWORD);
        return Await.result(body == null ? request.send() : request.sendJsonObject(body));
    }
}
