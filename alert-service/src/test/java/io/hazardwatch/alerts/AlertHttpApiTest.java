package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.NH3_KEY;
import static io.hazardwatch.alerts.AlarmEvents.ammonia;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.NONE;
import static io.hazardwatch.model.AlarmLevel.SECOND;
import static io.hazardwatch.model.AlarmTransition.CLEARED;
import static io.hazardwatch.model.AlarmTransition.ESCALATED;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API of the real service; alarms come from a scripted source instead of Kafka (see AlertServiceIT). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AlertHttpApiTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private Vertx vertx;
    private AlertServiceApp app;
    private WebClient web;

    @BeforeEach
    void startTheService(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        AlertServiceConfig config = new AlertServiceConfig("127.0.0.1:9092", "alarms", TestRegistry.write(dir),
                "127.0.0.1", 0);
        app = Await.result(AlertServiceApp.start(vertx, config, source));
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stopTheService() {
        Await.result(app.stop());
    }

    @Test
    void activeAlarmsAreListedSecondLevelFirstWithTheirGridCell() {
        Await.result(source.deliver(
                ammonia(RAISED, FIRST, 30, 25.0, T0.plusSeconds(60), T0.plusSeconds(60)),
                gas(RAISED, FIRST, 30, 25.0, T0, T0),
                gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(40)),
                gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(40))));

        HttpResponse<Buffer> response = get("/api/alarms/active");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        JsonArray alarms = response.bodyAsJsonArray();
        assertThat(alarms).hasSize(2);
        JsonObject first = alarms.getJsonObject(0);
        assertThat(first.getString("alarmKey")).isEqualTo(GAS_KEY);
        assertThat(first.getString("level")).isEqualTo("SECOND");
        assertThat(first.getString("gridCell")).isEqualTo("grid-1");
        assertThat(first.getDouble("value")).isEqualTo(55.0);
        assertThat(first.getDouble("threshold")).isEqualTo(50.0);
        assertThat(first.getString("raisedAt")).isEqualTo("2026-11-24T08:00:00Z");
        assertThat(first.getString("lastUpdate")).isEqualTo("2026-11-24T08:00:40Z");
        assertThat(alarms.getJsonObject(1).getString("alarmKey")).isEqualTo(NH3_KEY);
        assertThat(alarms.getJsonObject(1).getString("gridCell")).isEqualTo("grid-2");
    }

    @Test
    void noActiveAlarmsIsAnEmptyList() {
        assertThat(get("/api/alarms/active").bodyAsString()).isEqualTo("[]");
    }

    @Test
    void theStreamStartsWithTheSnapshotThenSendsEachChangeButNotDuplicates() throws Exception {
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));
        SseClient stream = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream"));
        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.response().getHeader("Content-Type")).startsWith("text/event-stream");

        SseClient.Frame snapshot = stream.nextEvent(WAIT);
        assertThat(snapshot.name()).isEqualTo("snapshot");
        assertThat(new JsonArray(snapshot.data())).singleElement()
                .satisfies(alarm -> assertThat(((JsonObject) alarm).getString("level")).isEqualTo("FIRST"));

        AlarmEvent cleared = gas(CLEARED, NONE, 10, 25.0, T0, T0.plusSeconds(90));
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0), cleared));

        SseClient.Frame change = stream.nextEvent(WAIT);
        assertThat(change.name()).isEqualTo("alarm");
        assertThat(Json.MAPPER.readValue(change.data(), AlarmEvent.class)).isEqualTo(cleared);
        assertThat(stream.poll(Duration.ofMillis(300))).isNull();
        Await.result(stream.close());
    }

    @Test
    void healthIsUpWhileTheAlarmFeedRunsAndDownWhenItHasLostKafka() {
        HttpResponse<Buffer> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.bodyAsJsonObject().getString("status")).isEqualTo("UP");

        source.setState(AlarmSource.State.DISCONNECTED);

        HttpResponse<Buffer> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
        assertThat(down.bodyAsJsonObject().getString("alarmFeed")).isEqualTo("DISCONNECTED");
    }

    @Test
    void theLiveAlarmPageIsServedWithoutAnythingFromTheInternet() {
        HttpResponse<Buffer> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.bodyAsString())
                .contains("<title>HazardWatch — live alarms</title>")
                .contains("<script src=\"app.js\"></script>")
                .doesNotContain("http://", "https://");

        HttpResponse<Buffer> script = get("/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.bodyAsString())
                .contains("new EventSource('api/alarms/stream')")
                .contains("dataset.alarmKey", "dataset.level", "Level 2 alarm", "Level 1 warning")
                .doesNotContain("http://", "https://");
        assertThat(get("/style.css").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertThat(get("/api/alarms/nope").statusCode()).isEqualTo(404);
    }

    private HttpResponse<Buffer> get(String path) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", path).send());
    }
}
