package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.deadletter.DeadLetterFeed;
import io.hazardwatch.alerts.store.KafkaIncidentStore;
import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The gateway's refused messages reach the duty room: records on the real dead-letter topic (headers as the gateway
 * writes them) are counted per enterprise and reason on {@code /api/dead-letters}, for the users who may see them.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeadLetterBoardIT {

    @Test
    void refusedMessagesOfTheLastDayAreCountedPerEnterpriseForTheDutyRoom(Vertx vertx, @TempDir Path dir)
            throws Exception {
        String deadLetters = KafkaTestTopics.create("hazardwatch.deadletter.it", 1);
        AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.alarms", KafkaTestTopics.create("hazardwatch.alarms.it", 1),
                "topic.incident-state", KafkaTestTopics.create("hazardwatch.incident-state.it", 1),
                "topic.incident-events", KafkaTestTopics.create("hazardwatch.incident-events.it", 1),
                "topic.deadletter", deadLetters));
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            // GIVEN two refusals of ent-a's device before the service starts, one of ent-b's after
            producer.send(refused(deadLetters, "ent-a", "PAYLOAD_INVALID", "unit: must be %LEL", now.minusSeconds(120)))
                    .get();
            producer.send(refused(deadLetters, "ent-a", "UNKNOWN_SENSOR", "sensor lel-9 is not registered",
                    now.minusSeconds(60))).get();

            AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config,
                    new io.hazardwatch.alerts.kafka.AlarmEventConsumer(config.kafkaBootstrap(), config.alarmsTopic(), config.kafkaAuth()),
                    new KafkaIncidentStore(vertx, config.kafkaBootstrap(), config.incidentStateTopic(),
                            config.incidentEventTopic(), config.alarmsTopic(), config.kafkaAuth()),
                    Map.of(), null, null, new DeadLetterFeed(config.kafkaBootstrap(), config.deadLetterTopic(),
                            Clock.systemUTC(), config.kafkaAuth()), Clock.systemUTC()));
            try {
                producer.send(refused(deadLetters, "ent-b", "QUOTA_EXCEEDED", "over 5/s", now)).get();
                WebClient web = WebClient.create(vertx);

                // THEN the duty officer sees both enterprises, ent-a first (most refusals), by reason
                JsonArray duty = Await.until(() -> {
                    JsonArray list = get(web, app, "duty");
                    return list.size() == 2 ? list : null;
                }, () -> "dead-letter counts did not arrive");
                JsonObject entA = duty.getJsonObject(0);
                assertThat(entA.getString("enterprise")).isEqualTo("ent-a");
                assertThat(entA.getLong("total")).isEqualTo(2);
                assertThat(entA.getJsonObject("byReason").getMap())
                        .containsEntry("PAYLOAD_INVALID", 1).containsEntry("UNKNOWN_SENSOR", 1);
                assertThat(entA.getString("lastReason")).isEqualTo("UNKNOWN_SENSOR");
                assertThat(entA.getString("lastDetail")).isEqualTo("sensor lel-9 is not registered");
                assertThat(duty.getJsonObject(1).getString("enterprise")).isEqualTo("ent-b");

                // AND grid staff and enterprise users see only what is theirs
                assertThat(get(web, app, "grid2")).singleElement()
                        .satisfies(o -> assertThat(((JsonObject) o).getString("enterprise")).isEqualTo("ent-b"));
                assertThat(get(web, app, "ent-a-viewer")).singleElement()
                        .satisfies(o -> assertThat(((JsonObject) o).getString("enterprise")).isEqualTo("ent-a"));
            } finally {
                Await.result(app.stop());
            }
        }
    }

    private static JsonArray get(WebClient web, AlertServiceApp app, String user) {
        return Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/dead-letters")
                .basicAuthentication(user, TestFiles.PASSWORD).timeout(Duration.ofSeconds(5).toMillis()).send())
                .bodyAsJsonArray();
    }

    private static ProducerRecord<String, byte[]> refused(String topic, String enterprise, String reason, String detail,
                                                          Instant at) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "client-1",
                "{\"sensor\":\"lel-1\"}".getBytes(StandardCharsets.UTF_8));
        record.headers().add(DeadLetter.REASON, reason.getBytes(StandardCharsets.UTF_8))
                .add(DeadLetter.DETAIL, detail.getBytes(StandardCharsets.UTF_8))
                .add(DeadLetter.MQTT_TOPIC, ("hazardwatch/v1/" + enterprise + "/dev/readings").getBytes(StandardCharsets.UTF_8))
                .add(DeadLetter.ENTERPRISE, enterprise.getBytes(StandardCharsets.UTF_8))
                .add(DeadLetter.RECEIVED_AT, at.toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
