package io.hazardwatch.alerts.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.Await;
import io.hazardwatch.alerts.SseClient;
import io.hazardwatch.alerts.auth.Role;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A board that reconnects gets exactly the events it missed (Last-Event-ID), or a fresh snapshot. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AlarmStreamReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final User ENT_A_VIEWER = new User("ent-a-viewer", Role.ENTERPRISE, null, "ent-a");

    private final AlarmStream stream = new AlarmStream();
    private final List<SseClient> clients = new ArrayList<>();
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
                    User user = "viewer".equals(request.getParam("as")) ? ENT_A_VIEWER : null;
                    stream.subscribe(request.response(), user, List::<BoardRow>of, request.getHeader("Last-Event-ID"));
                })
                .listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() {
        clients.forEach(SseClient::close);
        Await.result(server.close());
    }

    @Test
    void aReconnectWithTheLastSeenIdGetsOnlyTheMissedEventsAndNoSnapshot() throws Exception {
        SseClient first = connect("/", null);
        SseClient.Frame snapshot = first.nextEvent(WAIT);
        assertThat(snapshot.name()).isEqualTo("snapshot");
        assertThat(snapshot.id()).matches("[0-9a-z]+-0");

        publish(event("ent-a", 10), event("ent-a", 20));
        SseClient.Frame seen = first.nextEvent("alarm", WAIT);
        assertThat(new JsonObject(seen.data()).getJsonObject("alarm").getDouble("value")).isEqualTo(10);
        first.close();
        // missed while away
        publish(event("ent-a", 30), event("ent-b", 40));

        SseClient again = connect("/", seen.id());
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SseClient.Frame frame = again.nextEvent(WAIT);
            assertThat(frame.name()).isEqualTo("alarm");
            values.add(new JsonObject(frame.data()).getJsonObject("alarm").getDouble("value"));
        }
        assertThat(values).containsExactly(20.0, 30.0, 40.0);
        assertThat(again.poll(Duration.ofMillis(300))).isNull();
    }

    @Test
    void theReplayIsFilteredForTheUser() throws Exception {
        SseClient viewer = connect("/?as=viewer", null);
        String snapshotId = viewer.nextEvent(WAIT).id();
        viewer.close();
        publish(event("ent-b", 1), event("ent-a", 2), event("ent-b", 3));

        SseClient again = connect("/?as=viewer", snapshotId);

        SseClient.Frame only = again.nextEvent(WAIT);
        assertThat(new JsonObject(only.data()).getJsonObject("alarm").getString("enterprise")).isEqualTo("ent-a");
        assertThat(again.poll(Duration.ofMillis(300))).isNull();
    }

    @Test
    void anIdOfAnotherInstanceOrOneTooOldGetsAFreshSnapshot() throws Exception {
        SseClient foreign = connect("/", "someoneelse-3");
        assertThat(foreign.nextEvent(WAIT).name()).isEqualTo("snapshot");

        SseClient first = connect("/", null);
        String epoch = first.nextEvent(WAIT).id().split("-")[0];
        Await.result(onServer(() -> {
            for (int i = 0; i < AlarmStream.REPLAY_CAPACITY + 5; i++) {
                stream.publishAlarm(row(event("ent-a", i)));
            }
            return null;
        }));
        assertThat(Await.result(onServer(() -> stream.resumableAfter(epoch + "-2")))).isEqualTo(-1);
        assertThat(Await.result(onServer(() -> stream.resumableAfter(epoch + "-" + (AlarmStream.REPLAY_CAPACITY + 4)))))
                .isEqualTo(AlarmStream.REPLAY_CAPACITY + 4L);
        assertThat(Await.result(onServer(() -> stream.resumableAfter(epoch + "-999999999")))).isEqualTo(-1);
        assertThat(Await.result(onServer(() -> stream.resumableAfter(epoch + "-x")))).isEqualTo(-1);

        SseClient tooOld = connect("/", epoch + "-2");
        assertThat(tooOld.nextEvent(WAIT).name()).isEqualTo("snapshot");
    }

    @Test
    void heartbeatsCarryNoId() throws Exception {
        SseClient client = connect("/", null);
        client.nextEvent(WAIT);
        Await.result(onServer(() -> {
            stream.heartbeat();
            stream.publishAlarm(row(event("ent-a", 5)));
            return null;
        }));
        assertThat(client.next(WAIT).isComment()).isTrue();
        assertThat(client.next(WAIT).id()).endsWith("-1");
    }

    private SseClient connect(String path, String lastEventId) {
        SseClient client = Await.result(SseClient.connect(vertx, server.actualPort(), path, null, null, lastEventId));
        clients.add(client);
        return client;
    }

    private void publish(AlarmEvent... events) {
        Await.result(onServer(() -> {
            for (AlarmEvent event : events) {
                stream.publishAlarm(row(event));
            }
            return null;
        }));
    }

    /** The row of the incident the event opens, in grid-1 (ent-a) or grid-2. */
    private static BoardRow row(AlarmEvent event) {
        return BoardRow.of(Incident.open(event, event.enterprise().equals("ent-a") ? "grid-1" : "grid-2", T0));
    }

    private static AlarmEvent event(String enterprise, double value) {
        return new AlarmEvent(AlarmEvent.SCHEMA, enterprise + "/d/s/THRESHOLD", enterprise, "d", "s",
                SensorType.AMMONIA, AlarmEvent.THRESHOLD, AlarmLevel.FIRST, AlarmTransition.RAISED, value, 25.0, "ppm",
                "r", 1, T0, T0, T0);
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
