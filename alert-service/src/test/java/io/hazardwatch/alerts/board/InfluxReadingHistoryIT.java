package io.hazardwatch.alerts.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.Await;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link InfluxReadingHistory#latest} against the real InfluxDB: the newest reading of each sensor, in one query. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InfluxReadingHistoryIT {

    private static final SensorKey GAS = new SensorKey("ent-a", "tank-1", "lel-1");
    private static final SensorKey TEMP = new SensorKey("ent-a", "tank-1", "temp-1");
    private static final SensorKey OTHER = new SensorKey("ent-b", "room-1", "nh3-1");

    private Vertx vertx;
    private InfluxTestDatabase db;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        db = InfluxTestDatabase.create("latest_it");
    }

    @AfterEach
    void stop() {
        db.close();
        Await.result(vertx.close());
    }

    @Test
    void theNewestReadingOfEachSensorOfTheEnterpriseAndNoneOfAnother() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        db.write(GAS, now.minusSeconds(120), 4.5);
        db.write(GAS, now.minusSeconds(10), 27.25);
        db.write(GAS, now.minusSeconds(60), 12.0);
        db.write(TEMP, now.minusSeconds(300), 41.0);
        db.write(OTHER, now.minusSeconds(1), 99.0);

        List<ReadingHistory.Latest> latest = Await.result(history(db.name()).latest("ent-a"));

        assertThat(latest).containsExactlyInAnyOrder(
                new ReadingHistory.Latest("tank-1", "lel-1", now.minusSeconds(10).toEpochMilli(), 27.25),
                new ReadingHistory.Latest("tank-1", "temp-1", now.minusSeconds(300).toEpochMilli(), 41.0));
    }

    @Test
    void readingsOlderThanTheWindowAndAMissingDatabaseGiveNone() {
        db.write(GAS, Instant.now().minus(ReadingHistory.LATEST_DAYS + 1, ChronoUnit.DAYS), 4.5);

        assertThat(Await.result(history(db.name()).latest("ent-a"))).isEmpty();
        assertThat(Await.result(history(db.name() + "_missing").latest("ent-a"))).isEmpty();
    }

    @Test
    void anInfluxDbThatDoesNotAnswerFailsTheQuery() {
        InfluxReadingHistory closed = new InfluxReadingHistory(WebClient.create(vertx), "http://127.0.0.1:1", db.name());

        assertThat(closed.latest("ent-a").toCompletionStage().toCompletableFuture())
                .failsWithin(java.time.Duration.ofSeconds(10));
    }

    private InfluxReadingHistory history(String database) {
        return new InfluxReadingHistory(WebClient.create(vertx), db.url(), database, TestEnv.influxLogin());
    }
}
