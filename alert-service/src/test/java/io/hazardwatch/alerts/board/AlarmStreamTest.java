package io.hazardwatch.alerts.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.Await;
import io.hazardwatch.alerts.SseClient;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentStatus;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AlarmStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ActiveAlarm GAS = new ActiveAlarm("ent-a/tank-1/lel-1/THRESHOLD", AlarmLevel.SECOND, "ent-a",
            "grid-1", "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS, "THRESHOLD", 55, 50.0, "%LEL",
            "threshold:ent-a/tank-1/lel-1", 1, Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T08:00:40Z"), null, null);

    private static final BoardRow GAS_ROW = new BoardRow(Incident.idOf(GAS.alarmKey(), GAS.raisedAt()),
            IncidentStatus.RAISED, 1, true, true, 0, GAS);

    private final AlarmStream stream = new AlarmStream();
    private Vertx vertx;
    private HttpServer server;
    private volatile Context serverContext;

    @BeforeEach
    void serveTheStream(Vertx vertx) {
        this.vertx = vertx;
        server = Await.result(vertx.createHttpServer()
                .requestHandler(request -> {
                    serverContext = vertx.getOrCreateContext();
                    request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                    stream.subscribe(request.response(), List.of(GAS_ROW));
                })
                .listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() {
        Await.result(server.close());
    }

    @Test
    void aNewClientFirstGetsTheSnapshotOfActiveAlarms() throws Exception {
        SseClient client = Await.result(SseClient.connect(vertx, server.actualPort(), "/"));

        SseClient.Frame first = client.nextEvent(WAIT);

        assertThat(first.name()).isEqualTo("snapshot");
        JsonArray rows = new JsonArray(first.data());
        assertThat(rows).hasSize(1);
        assertThat(rows.getJsonObject(0).getString("id")).isEqualTo(GAS_ROW.id());
        assertThat(rows.getJsonObject(0).getString("status")).isEqualTo("RAISED");
        assertThat(rows.getJsonObject(0).getJsonObject("alarm").getString("alarmKey")).isEqualTo(GAS.alarmKey());
        assertThat(rows.getJsonObject(0).getJsonObject("alarm").getString("level")).isEqualTo("SECOND");
        assertThat(rows.getJsonObject(0).getJsonObject("alarm").getString("raisedAt")).isEqualTo("2026-11-24T08:00:00Z");
        client.close();
    }

    @Test
    void aHeartbeatIsACommentLine() throws Exception {
        SseClient client = Await.result(SseClient.connect(vertx, server.actualPort(), "/"));
        client.nextEvent(WAIT);

        Await.result(onServer(() -> {
            stream.heartbeat();
            return null;
        }));

        SseClient.Frame frame = client.next(WAIT);
        assertThat(frame.isComment()).isTrue();
        assertThat(frame.comment()).isEqualTo("heartbeat");
        client.close();
    }

    @Test
    void aClientThatDisconnectsIsForgotten() throws Exception {
        SseClient client = Await.result(SseClient.connect(vertx, server.actualPort(), "/"));
        client.nextEvent(WAIT);
        assertThat(Await.result(onServer(stream::clientCount))).isEqualTo(1);

        Await.result(client.close());

        Await.until(() -> Await.result(onServer(stream::clientCount)) == 0 ? true : null, () -> "clients still open");
    }

    @Test
    void multiLineDataIsSentAsOneDataLinePerLine() {
        assertThat(AlarmStream.event("alarm", "{\"a\":1,\n\"b\":2}"))
                .isEqualTo("event: alarm\ndata: {\"a\":1,\ndata: \"b\":2}\n\n");
    }

    private <T> Future<T> onServer(Callable<T> action) {
        Promise<T> promise = Promise.promise();
        serverContext.runOnContext(v -> {
            try {
                promise.complete(action.call());
            } catch (Exception e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }
}
