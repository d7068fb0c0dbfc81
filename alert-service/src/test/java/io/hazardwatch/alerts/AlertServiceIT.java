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
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The alert service against the real Kafka broker of the test stack (deploy/infra.sh up). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AlertServiceIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);

    private Vertx vertx;
    private AlertServiceConfig config;
    private KafkaProducer<String, byte[]> producer;
    private WebClient web;

    @BeforeEach
    void freshAlarmsTopic(Vertx vertx, @TempDir Path dir) {
        this.vertx = vertx;
        String topic = KafkaTestTopics.create("hazardwatch.alarms.it", 2);
        config = new AlertServiceConfig(TestEnv.kafkaBootstrap(), topic, TestRegistry.write(dir), "127.0.0.1", 0);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        web = WebClient.create(vertx);
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void buildsTheBoardFromTheTopicFollowsItLiveAndRebuildsItAfterARestart() throws Exception {
        // GIVEN alarms on the topic, with a redelivered escalation and a record that is not an alarm event
        send(GAS_KEY, gas(RAISED, FIRST, 30, 25.0, T0, T0));
        send(GAS_KEY, gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(40)));
        send(GAS_KEY, gas(ESCALATED, SECOND, 55, 50.0, T0, T0.plusSeconds(40)));
        send(NH3_KEY, ammonia(RAISED, FIRST, 30, 25.0, T0.plusSeconds(60), T0.plusSeconds(60)));
        sendRaw(GAS_KEY, "this is not an alarm event".getBytes(StandardCharsets.UTF_8));

        // WHEN the service starts
        AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config));

        // THEN the gas alarm is on the board once, at level 2, above the ammonia warning
        JsonArray board = awaitBoard(app, alarms -> alarms.size() == 2);
        JsonObject gasAlarm = board.getJsonObject(0);
        assertThat(gasAlarm.getString("alarmKey")).isEqualTo(GAS_KEY);
        assertThat(gasAlarm.getString("level")).isEqualTo("SECOND");
        assertThat(gasAlarm.getString("gridCell")).isEqualTo("grid-1");
        assertThat(gasAlarm.getString("raisedAt")).isEqualTo(T0.toString());
        assertThat(board.getJsonObject(1).getString("alarmKey")).isEqualTo(NH3_KEY);
        awaitFeed(app, "LIVE");

        // AND a live client gets the snapshot, then the CLEARED as it is produced
        SseClient stream = Await.result(SseClient.connect(vertx, app.httpPort(), "/api/alarms/stream"));
        assertThat(stream.nextEvent(Await.LIMIT).name()).isEqualTo("snapshot");
        AlarmEvent cleared = gas(CLEARED, NONE, 10, 25.0, T0, T0.plusSeconds(120));
        send(GAS_KEY, cleared);
        SseClient.Frame change = stream.nextEvent(Await.LIMIT);
        assertThat(change.name()).isEqualTo("alarm");
        assertThat(Json.MAPPER.readValue(change.data(), AlarmEvent.class)).isEqualTo(cleared);
        String boardBeforeRestart = awaitBoard(app, alarms -> alarms.size() == 1).encode();
        Await.result(stream.close());

        // AND after a restart the same board is rebuilt from the topic
        Await.result(app.stop());
        AlertServiceApp restarted = Await.result(AlertServiceApp.start(vertx, config));
        awaitFeed(restarted, "LIVE");
        JsonArray rebuilt = awaitBoard(restarted, alarms -> alarms.encode().equals(boardBeforeRestart));
        assertThat(rebuilt.getJsonObject(0).getString("alarmKey")).isEqualTo(NH3_KEY);
        Await.result(restarted.stop());
    }

    private void send(String key, AlarmEvent event) throws Exception {
        sendRaw(key, Json.toBytes(event));
    }

    private void sendRaw(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(config.alarmsTopic(), key, value)).get(30, TimeUnit.SECONDS);
    }

    private JsonArray awaitBoard(AlertServiceApp app, java.util.function.Predicate<JsonArray> done)
            throws InterruptedException {
        JsonArray[] last = {null};
        return Await.until(() -> {
            HttpResponse<Buffer> response = Await.result(web.get(app.httpPort(), "127.0.0.1", "/api/alarms/active").send());
            last[0] = response.bodyAsJsonArray();
            return done.test(last[0]) ? last[0] : null;
        }, () -> String.valueOf(last[0]));
    }

    private void awaitFeed(AlertServiceApp app, String state) throws InterruptedException {
        JsonObject[] last = {null};
        Await.until(() -> {
            HttpResponse<Buffer> response = Await.result(web.get(app.httpPort(), "127.0.0.1", "/health").send());
            last[0] = response.bodyAsJsonObject();
            return state.equals(last[0].getString("alarmFeed")) ? last[0] : null;
        }, () -> String.valueOf(last[0]));
    }
}
