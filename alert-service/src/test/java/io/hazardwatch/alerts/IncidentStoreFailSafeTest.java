package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.DeliveryStatus;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.store.StoreUnavailableException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service while its incident store cannot commit: {@code /health} says so (and recovers), a person's command
 * gets an answer within a bound, and a comment cannot grow an incident without limit. Kafka is replaced by an
 * in-memory store that can be told to fail (the Kafka store is tested in IncidentStoreFailSafeIT).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IncidentStoreFailSafeTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final String GAS_INCIDENT = Incident.idOf(GAS_KEY, T0);

    private final ScriptedAlarmSource source = new ScriptedAlarmSource();
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private AlertServiceApp app;
    private WebClient web;
    private ProviderFake provider;

    @BeforeEach
    void startTheService(Vertx vertx, @TempDir Path dir) {
        provider = ProviderFake.start(vertx);
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "alert.store.failing-after-ms", "1000"));
        app = Await.result(AlertServiceApp.start(vertx, config, source, store,
                Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
        Await.result(app.loaded());
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stopTheService() {
        store.succeedSaves();
        Await.result(app.stop());
        provider.close();
    }

    @Test
    void healthIsDownWithTheReasonWhileTheStoreCannotCommitAndUpAgainOnceItCan() throws Exception {
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));
        Await.until(() -> store.stored(GAS_INCIDENT), () -> "not stored");
        assertThat(health().statusCode()).isEqualTo(200);

        // WHEN the store cannot commit and a person acknowledges
        store.failSaves(new StoreUnavailableException("Kafka away", null));
        long asked = System.nanoTime();
        HttpResponse<Buffer> ack = post("/api/incidents/" + GAS_INCIDENT + "/acknowledge", new JsonObject());

        // THEN the answer comes within the bound and says the change is not stored yet
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(8));
        assertThat(ack.statusCode()).isEqualTo(503);
        assertThat(ack.bodyAsJsonObject().getString("message")).contains("not stored yet");
        // AND health tells the truth: down, since when and why, and what waits
        JsonObject down = Await.until(() -> {
            HttpResponse<Buffer> h = health();
            return h.statusCode() == 503 ? h.bodyAsJsonObject() : null;
        }, () -> health().bodyAsString());
        assertThat(down.getString("status")).isEqualTo("DOWN");
        assertThat(down.getString("alarmFeed")).isEqualTo("LIVE");
        assertThat(down.getString("incidentStore")).startsWith("FAILING since ").contains("Kafka away");
        // the acknowledgement, and whatever the books of issue 20 (tasks, commitments) wrote meanwhile
        assertThat(down.getInteger("pendingChanges")).isGreaterThanOrEqualTo(1);
        assertThat(down.getLong("oldestPendingSeconds")).isGreaterThanOrEqualTo(0);

        // WHEN the store can commit again
        store.succeedSaves();

        // THEN the acknowledgement is stored and health is up again
        JsonObject up = Await.until(() -> {
            HttpResponse<Buffer> h = health();
            return h.statusCode() == 200 ? h.bodyAsJsonObject() : null;
        }, () -> health().bodyAsString());
        assertThat(up.getString("incidentStore")).isEqualTo("READY");
        assertThat(up.getInteger("pendingChanges")).isZero();
        assertThat(store.stored(GAS_INCIDENT).acknowledged().by()).isEqualTo("duty");
    }

    @Test
    void aCommentLongerThanTheLimitIsRefusedNamingTheLimit() {
        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));
        String path = "/api/incidents/" + GAS_INCIDENT + "/comments";

        HttpResponse<Buffer> tooLong = post(path, new JsonObject().put("text", "x".repeat(4001)));
        HttpResponse<Buffer> longest = post(path, new JsonObject().put("text", "x".repeat(4000)));

        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(tooLong.bodyAsJsonObject().getString("message")).contains("4000");
        assertThat(longest.statusCode()).isEqualTo(201);
    }

    @Test
    void aMessageWhoseOutcomeCannotBeStoredIsNotSentAgainAndAgain() throws Exception {
        // GIVEN a store that takes the incident but not the outcome of its first message (a poisoned change)
        store.failSaves(b -> b.incidents().stream().anyMatch(i -> i.deliveries().stream()
                .anyMatch(d -> d.status() == DeliveryStatus.SENT)), new RuntimeException("cannot serialise Incident"));

        Await.result(source.deliver(gas(RAISED, FIRST, 30, 25.0, T0, T0)));
        Await.until(() -> provider.to("member-1").isEmpty() ? null : true, () -> provider.received().toString());
        // the outcome is written again alone once (after 1 s), then given up; the service ticks every 50 ms
        Await.until(() -> health().bodyAsJsonObject().getInteger("droppedChanges") >= 1 ? true : null,
                () -> health().bodyAsString());
        Thread.sleep(1_000);

        // THEN the grid member got the message once, not once per tick
        assertThat(provider.to("member-1")).hasSize(1);
    }

    private HttpResponse<Buffer> health() {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", "/health").send());
    }

    private HttpResponse<Buffer> post(String path, JsonObject body) {
        return Await.result(web.post(app.httpPort(), "127.0.0.1", path).basicAuthentication("duty", TestFiles.PASSWORD)
                .timeout(15_000).sendJsonObject(body));
    }
}
