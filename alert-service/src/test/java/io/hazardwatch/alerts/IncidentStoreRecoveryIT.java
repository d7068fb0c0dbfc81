package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.NH3_KEY;
import static io.hazardwatch.alerts.AlarmEvents.ammonia;
import static io.hazardwatch.alerts.AlarmEvents.gas;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.kafka.AlarmEventConsumer;
import io.hazardwatch.alerts.store.KafkaIncidentStore;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.testsupport.PrivateKafkaBroker;
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
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * The incident store while its broker is stopped and started again (a private broker: the shared one is never
 * touched): {@code /health} says FAILING with the reason while changes wait, a person's command is answered
 * within its bound, and once the broker is back the store's producer recovers by itself, the waiting change is
 * committed and the next alarm is notified.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class IncidentStoreRecoveryIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    private static final Duration RECOVERY = Duration.ofSeconds(120);

    @Test
    void healthIsFailingWhileTheBrokerIsAwayAndTheStoreRecoversByItselfWhenItIsBack(Vertx vertx, @TempDir Path dir)
            throws Exception {
        try (PrivateKafkaBroker kafka = PrivateKafkaBroker.start(dir.resolve("kafka"))) {
            AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                    "kafka.bootstrap", kafka.bootstrap(),
                    KafkaClientAuth.KEY, kafka.clientPropertiesFile("alerts"),
                    "topic.alarms", kafka.createTopic("hazardwatch.alarms.it", 1),
                    "topic.incident-state", kafka.createTopic("hazardwatch.incident-state.it", 1),
                    "topic.incident-events", kafka.createTopic("hazardwatch.incident-events.it", 1),
                    "alert.store.failing-after-ms", "2000"));
            ProviderFake provider = ProviderFake.start(vertx);
            WebClient web = WebClient.create(vertx);
            AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config, new AlarmEventConsumer(
                    config.kafkaBootstrap(), config.alarmsTopic(), config.kafkaAuth()), new KafkaIncidentStore(vertx, config.kafkaBootstrap(),
                    config.incidentStateTopic(), config.incidentEventTopic(), config.alarmsTopic(), config.kafkaAuth()),
                    Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
            Await.result(app.loaded());
            send(kafka, config, GAS_KEY, gas(RAISED, FIRST, 30, 25.0, T0, T0));
            Await.until(() -> provider.to("member-1").size() == 1 ? true : null, () -> provider.received().toString());
            String gasIncident = Incident.idOf(GAS_KEY, T0);

            // WHEN the broker goes away and the duty officer acknowledges
            kafka.stop();
            long asked = System.nanoTime();
            HttpResponse<Buffer> ack = Await.result(web.post(app.httpPort(), "127.0.0.1", "/api/incidents/" + gasIncident
                    + "/acknowledge").basicAuthentication("duty", TestFiles.PASSWORD).timeout(20_000).send());

            // THEN the answer comes within its bound, and health says why the change waits
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(10));
            assertThat(ack.statusCode()).isEqualTo(503);
            assertThat(ack.bodyAsJsonObject().getString("message")).contains("not stored yet");
            JsonObject down = within(RECOVERY, () -> {
                JsonObject h = health(web, app);
                return h.getString("incidentStore").startsWith("FAILING since ") ? h : null;
            });
            assertThat(down.getString("status")).isEqualTo("DOWN");
            assertThat(down.getInteger("pendingChanges")).isGreaterThanOrEqualTo(1);

            // AND once the write has failed for good (past the producer's delivery timeout), health names the failure:
            // the transaction is aborted or its producer replaced, and the change is kept for the next write
            JsonObject failed = within(RECOVERY, () -> {
                JsonObject h = health(web, app);
                return h.getString("incidentStore").contains("write failed") ? h : null;
            });
            assertThat(failed.getInteger("pendingChanges")).isGreaterThanOrEqualTo(1);

            // WHEN the broker is back
            kafka.start();

            // THEN the store recovers by itself, the acknowledgement is committed, and a new alarm is notified
            JsonObject up = within(RECOVERY, () -> {
                JsonObject h = health(web, app);
                return "READY".equals(h.getString("incidentStore")) && h.getInteger("pendingChanges") == 0 ? h : null;
            });
            assertThat(up.getLong("droppedChanges")).isZero();
            send(kafka, config, NH3_KEY, ammonia(RAISED, FIRST, 30, 25.0, T0.plusSeconds(60), T0.plusSeconds(60)));
            within(RECOVERY, () -> provider.to("member-2").size() == 1 ? true : null);
            Await.result(app.stop());

            // AND after a restart the acknowledgement is there: it was committed, not only kept in memory
            AlertServiceApp restarted = Await.result(AlertServiceApp.start(vertx, config, new AlarmEventConsumer(
                    config.kafkaBootstrap(), config.alarmsTopic(), config.kafkaAuth()), new KafkaIncidentStore(vertx, config.kafkaBootstrap(),
                    config.incidentStateTopic(), config.incidentEventTopic(), config.alarmsTopic(), config.kafkaAuth()),
                    Map.of("push", provider.notifier(vertx, "push")), Clock.systemUTC()));
            Await.result(restarted.loaded());
            JsonObject incident = Await.result(web.get(restarted.httpPort(), "127.0.0.1", "/api/incidents/" + gasIncident)
                    .basicAuthentication("duty", TestFiles.PASSWORD).send()).bodyAsJsonObject();
            assertThat(incident.getJsonObject("acknowledged").getString("by")).isEqualTo("duty");
            Await.result(restarted.stop());
            provider.close();
        }
    }

    private static JsonObject health(WebClient web, AlertServiceApp app) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", "/health").send()).bodyAsJsonObject();
    }

    private static void send(PrivateKafkaBroker kafka, AlertServiceConfig config, String key, AlarmEvent event)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.clientAuth("admin").addTo(new java.util.HashMap<String, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"))),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(config.alarmsTopic(), key, Json.toBytes(event))).get(30, TimeUnit.SECONDS);
        }
    }

    /** Repeats {@code attempt} until it returns non-null, at most {@code limit}. */
    private static <T> T within(Duration limit, Supplier<T> attempt) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = attempt.get();
            if (last != null) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + limit);
    }
}
