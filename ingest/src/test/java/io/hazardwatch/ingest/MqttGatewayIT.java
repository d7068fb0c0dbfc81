package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The gateway against the real Kafka broker, with real MQTT 3.1.1 and 5 clients (Eclipse Paho). */
@Timeout(120)
class MqttGatewayIT {

    private static Vertx vertx;
    private static IngestApp app;
    private static String readingsTopic;
    private static String deadLetterTopic;

    @BeforeAll
    static void startGateway(@TempDir Path dir) throws Exception {
        readingsTopic = KafkaTestTopics.create("it.readings", 2);
        deadLetterTopic = KafkaTestTopics.create("it.deadletter", 1);
        vertx = Vertx.vertx();
        IngestConfig config = IngestConfig.from(Settings.of(Map.of(
                "mqtt.port", "0",
                "http.port", "-1",
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.readings", readingsTopic,
                "topic.deadletter", deadLetterTopic,
                "registry.file", TestRegistry.write(dir).toString())));
        app = IngestApp.start(vertx, config).await();
    }

    @AfterAll
    static void stopGateway() {
        if (app != null) {
            app.stop().await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    private static String url() {
        return "tcp://127.0.0.1:" + app.mqttPort();
    }

    private static MqttClient mqtt3(String user, String password) throws MqttException {
        MqttClient client = new MqttClient(url(), "it-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        client.connect(options);
        return client;
    }

    private static MqttAsyncClient mqtt5(String user) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url(), "it5-" + UUID.randomUUID(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(TestRegistry.PASSWORD.getBytes(StandardCharsets.UTF_8));
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic, java.util.function.Predicate<ConsumerRecord<String, byte[]>> match) {
        return KafkaTestTopics.readUntil(topic, rs -> rs.stream().anyMatch(match), Duration.ofSeconds(15))
                .stream().filter(match).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aPubAckedReadingIsAlreadyInKafka() throws Exception {
        MqttClient client = mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD);
        String ts = Instant.now().toString();

        client.publish(Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE),
                ("{\"sensor\":\"lel-1\",\"value\":17.25,\"unit\":\"%LEL\",\"ts\":\"" + ts + "\"}").getBytes(), 1, false);
        client.disconnect();

        // publish() returned, so the PUBACK arrived: the reading must be readable now, without waiting for more
        List<ConsumerRecord<String, byte[]>> all = KafkaTestTopics.readUntil(readingsTopic, rs -> false, Duration.ofSeconds(3));
        Reading reading = all.stream().map(r -> Json.fromBytes(r.value(), Reading.class))
                .filter(r -> r.eventTime().equals(Instant.parse(ts))).findFirst().orElseThrow();
        assertThat(reading.value()).isEqualTo(17.25);
        assertThat(reading.enterprise()).isEqualTo(TestRegistry.ENT_A);
        assertThat(all.stream().filter(r -> Json.fromBytes(r.value(), Reading.class).eventTime().equals(Instant.parse(ts))).findFirst().orElseThrow().key())
                .isEqualTo("ent-a/tank-1/lel-1");
    }

    @Test
    void everyPubAckIsAccountedForStageByStageInTheMetrics() throws Exception {
        io.micrometer.core.instrument.MeterRegistry meters = app.metrics().registry();
        double pubAcksBefore = meters.get("hazardwatch.ingest.puback").functionTimer().count();
        Map<String, Double> stagesBefore = stageCounts(meters);
        MqttClient client = mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD);

        for (int i = 0; i < 3; i++) {
            client.publish(Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE),
                    ("{\"sensor\":\"lel-1\",\"value\":" + (10 + i) + "}").getBytes(), 1, false);
        }
        client.disconnect();

        // recorded as each PUBACK is written, before the client can have it
        assertThat(meters.get("hazardwatch.ingest.puback").functionTimer().count()).isEqualTo(pubAcksBefore + 3);
        assertThat(meters.get("hazardwatch.ingest.puback").functionTimer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                .isPositive();
        Map<String, Double> stagesAfter = stageCounts(meters);
        assertThat(stagesAfter.keySet()).containsExactlyInAnyOrder("judge", "handoff", "kafka", "reply");
        stagesAfter.forEach((stage, count) -> assertThat(count).as(stage).isEqualTo(stagesBefore.get(stage) + 3));
    }

    private static Map<String, Double> stageCounts(io.micrometer.core.instrument.MeterRegistry meters) {
        Map<String, Double> counts = new java.util.TreeMap<>();
        meters.get("hazardwatch.ingest.stage").functionTimers()
                .forEach(t -> counts.put(t.getId().getTag("stage"), t.count()));
        return counts;
    }

    @Test
    void malformedPayloadGetsReasonCode0x99AndItsBytesGoToTheDeadLetterTopic() throws Exception {
        MqttAsyncClient client = mqtt5(TestRegistry.ENT_A_USER);
        String payload = "{\"sensor\":\"lel-1\",\"value\":\"high\",\"marker\":\"" + UUID.randomUUID() + "\"}";

        int reasonCode = GatewayFixture.publish5(client, Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE), payload);

        assertThat(reasonCode).isEqualTo(0x99);
        ConsumerRecord<String, byte[]> dead = records(deadLetterTopic, r -> new String(r.value()).equals(payload)).get(0);
        assertThat(header(dead, DeadLetter.REASON)).isEqualTo("PAYLOAD_INVALID");
        assertThat(header(dead, DeadLetter.ENTERPRISE)).isEqualTo(TestRegistry.ENT_A);
        assertThat(header(dead, DeadLetter.DETAIL)).isNotBlank();
        client.disconnect().waitForCompletion(5_000);
    }

    @Test
    void publishingIntoAnotherEnterpriseIsRefusedWith0x87AndTheConnectionKeepsWorking() throws Exception {
        MqttAsyncClient client = mqtt5(TestRegistry.ENT_A_USER);
        String marker = UUID.randomUUID().toString();
        String intruding = "{\"sensor\":\"nh3-1\",\"value\":99,\"unit\":\"ppm\",\"marker\":\"" + marker + "\"}";

        int refused = GatewayFixture.publish5(client, Topics.mqttReadings(TestRegistry.ENT_B, TestRegistry.ENT_B_DEVICE), intruding);
        int accepted = GatewayFixture.publish5(client, Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE),
                "{\"sensor\":\"temp-1\",\"value\":21.5}");

        assertThat(refused).isEqualTo(0x87);
        assertThat(accepted).isEqualTo(0x00);
        ConsumerRecord<String, byte[]> dead = records(deadLetterTopic, r -> new String(r.value()).contains(marker)).get(0);
        assertThat(header(dead, DeadLetter.REASON)).isEqualTo("NOT_AUTHORIZED");
        assertThat(header(dead, DeadLetter.MQTT_TOPIC)).isEqualTo("hazardwatch/v1/ent-b/room-1/readings");
        assertThat(KafkaTestTopics.readUntil(readingsTopic, rs -> false, Duration.ofSeconds(2)))
                .extracting(ConsumerRecord::key).doesNotContain("ent-b/room-1/nh3-1");
        client.disconnect().waitForCompletion(5_000);
    }

    @Test
    void wrongPasswordIsRefusedAtConnect() {
        assertThatThrownBy(() -> mqtt3(TestRegistry.ENT_A_USER, "wrong"))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
                        .isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
    }

    @Test
    void subscribingIsRefused() throws Exception {
        MqttAsyncClient client = mqtt5(TestRegistry.ENT_A_USER);

        IMqttToken token = client.subscribe(new MqttSubscription("hazardwatch/#", 1));
        int reasonCode;
        try {
            token.waitForCompletion(10_000);
            reasonCode = token.getReasonCodes()[0];
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            reasonCode = e.getReasonCode();
        }

        assertThat(reasonCode).isEqualTo(0x87);
        client.disconnect().waitForCompletion(5_000);
    }
}
