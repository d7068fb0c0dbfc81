package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.NH3_KEY;
import static io.hazardwatch.alerts.AlarmEvents.ammonia;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmLevel.NONE;
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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * Retention against the real broker: a closed incident is kept for {@code alert.retention-days} after its
 * closing, then removed from memory and tombstoned in the compacted state topic; open incidents and the
 * event log are untouched. The service runs on a clock the test moves forward by weeks.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RetentionIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);

    /** System time shifted by what the test says. */
    static final class ShiftedClock extends Clock {
        private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

        void shift(Duration by) {
            shift.set(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aClosedIncidentIsDeletedAndTombstonedOnceItsRetentionHasPassed(Vertx vertx, @TempDir Path dir)
            throws Exception {
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.it", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.it", 1),
                "alert.retention-days", "40"));
        assertThat(config.retention()).isEqualTo(Duration.ofDays(40));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            for (AlarmEvent e : List.of(gas(RAISED, FIRST, 30, 25.0, T0, T0), gas(CLEARED, NONE, 5, 25.0, T0,
                    T0.plusSeconds(60)), ammonia(RAISED, FIRST, 30, 25.0, T0, T0))) {
                producer.send(new ProducerRecord<>(config.alarmsTopic(), e.alarmKey(), Json.toBytes(e))).get(30, TimeUnit.SECONDS);
            }
        }
        String gasId = Incident.idOf(GAS_KEY, T0);
        String nh3Id = Incident.idOf(NH3_KEY, T0);
        ShiftedClock clock = new ShiftedClock();
        WebClient web = WebClient.create(vertx);
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config, clock));
        Await.result(app.loaded());
        Await.until(() -> status(web, app, gasId) == 200 && status(web, app, nh3Id) == 200 ? true : null, () -> "incidents");
        HttpResponse<Buffer> closed = Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/incidents/" + gasId + "/close")
                .basicAuthentication("duty", TestFiles.PASSWORD).sendJsonObject(new JsonObject().put("action", "recalibrated")));
        assertThat(closed.statusCode()).isEqualTo(200);

        // 35 days later (retention 40): still there
        clock.shift(Duration.ofDays(35));
        Thread.sleep(1500);
        assertThat(status(web, app, gasId)).isEqualTo(200);

        // 41 days later: the closed incident is gone, the open one is not
        clock.shift(Duration.ofDays(41));
        Await.until(() -> status(web, app, gasId) == 404 ? true : null, () -> "still there: " + gasId);
        assertThat(status(web, app, nh3Id)).isEqualTo(200);

        // AND the state topic holds a tombstone for it (compaction then drops the key)
        List<ConsumerRecord<String, byte[]>> state = KafkaTestTopics.readUntil(config.incidentStateTopic(),
                read -> read.stream().anyMatch(r -> r.key().equals("incident/" + gasId) && r.value() == null),
                Duration.ofSeconds(20));
        assertThat(state).filteredOn(r -> r.key().equals("incident/" + gasId)).last()
                .satisfies(r -> assertThat(r.value()).isNull());
        Await.result(app.stop());

        // AND after a restart it stays gone, while its audit trail is still in the event log
        AlertServiceApp restarted = Await.result(AlertServiceApp.start(vertx, config, clock));
        Await.result(restarted.loaded());
        assertThat(status(web, restarted, gasId)).isEqualTo(404);
        assertThat(status(web, restarted, nh3Id)).isEqualTo(200);
        Await.result(restarted.stop());
        List<ConsumerRecord<String, byte[]>> events = KafkaTestTopics.readUntil(config.incidentEventTopic(),
                read -> read.stream().anyMatch(r -> gasId.equals(r.key()) && new String(r.value()).contains("CLOSED")),
                Duration.ofSeconds(20));
        assertThat(events).filteredOn(r -> gasId.equals(r.key())).isNotEmpty();
    }

    private static int status(WebClient web, AlertServiceApp app, String id) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/incidents/" + id)
                .basicAuthentication("duty", TestFiles.PASSWORD).send()).statusCode();
    }
}
