package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.ingest.support.Mosquitto;
import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.PrivateKafkaBroker;
import io.hazardwatch.testsupport.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge against a real Mosquitto standing in for an enterprise's own broker: messages there reach Kafka
 * under the bridge login's permissions, and are acknowledged upstream only once Kafka has them.
 */
@Timeout(300)
class BridgeIT {

    @TempDir
    Path dir;

    private static Map<String, String> bridge(String url) {
        return Map.of("bridges", "site-a",
                "bridge.site-a.url", url,
                "bridge.site-a.login", "ent-a-edge",
                "bridge.site-a.subscribe", "site-a/+/data",
                "bridge.site-a.client-id", "bridge-" + UUID.randomUUID());
    }

    private static void publishUpstream(String url, String topic, List<String> payloads) throws Exception {
        MqttClient publisher = new MqttClient(url, "plant-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // Paho can return from a QoS 1 publish before it counts the PUBACK: room so that the race cannot bite
        options.setMaxInflight(1000);
        publisher.connect(options);
        for (String payload : payloads) {
            publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        }
        publisher.disconnect();
        publisher.close();
    }

    private static List<String> readings(Instant base, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> "{\"sensor\":\"lel-1\",\"value\":" + i + ",\"ts\":" + (base.toEpochMilli() + i) + "}").toList();
    }

    private static Set<Instant> eventTimes(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> Json.fromBytes(r.value(), Reading.class).eventTime()).collect(Collectors.toSet());
    }

    @Test
    void messagesOnTheEnterpriseBrokerReachKafkaOnlyForTheDevicesOfTheBridgeLogin() throws Exception {
        String readings = KafkaTestTopics.create("bridge.readings", 1);
        String deadLetter = KafkaTestTopics.create("bridge.deadletter", 1);
        try (Mosquitto mosquitto = Mosquitto.start(Files.createDirectories(dir.resolve("mosquitto")))) {
            Map<String, String> settings = new HashMap<>(bridge(mosquitto.url()));
            settings.put("topic.readings", readings);
            settings.put("topic.deadletter", deadLetter);
            try (GatewayFixture gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), settings)) {
                Thread.sleep(1_000); // the bridge subscribes
                Instant base = Instant.now().minusSeconds(600);
                String marker = UUID.randomUUID().toString();

                publishUpstream(mosquitto.url(), "site-a/tank-2/data", readings(base, 30));
                publishUpstream(mosquitto.url(), "site-a/tank-1/data",
                        List.of("{\"sensor\":\"lel-1\",\"value\":1,\"marker\":\"" + marker + "\"}"));

                List<ConsumerRecord<String, byte[]>> stored = KafkaTestTopics.readUntil(readings,
                        rs -> rs.size() >= 30, Duration.ofSeconds(30));
                assertThat(stored).extracting(ConsumerRecord::key).containsOnly("ent-a/tank-2/lel-1");
                assertThat(eventTimes(stored)).hasSize(30);
                ConsumerRecord<String, byte[]> refused = KafkaTestTopics.readUntil(deadLetter,
                                rs -> rs.stream().anyMatch(r -> new String(r.value()).contains(marker)), Duration.ofSeconds(15))
                        .stream().filter(r -> new String(r.value()).contains(marker)).findFirst().orElseThrow();
                assertThat(new String(refused.headers().lastHeader(DeadLetter.REASON).value())).isEqualTo("NOT_AUTHORIZED");
                assertThat(new String(refused.headers().lastHeader(DeadLetter.CLIENT_ID).value())).isEqualTo("bridge:site-a");
            }
        }
    }

    @Test
    void messagesOverTheEnterprisesQuotaAreHeldUpstreamAndAllArriveOnceThereIsRoom() throws Exception {
        String readings = KafkaTestTopics.create("bridge.readings", 1);
        String deadLetter = KafkaTestTopics.create("bridge.deadletter", 1);
        try (Mosquitto mosquitto = Mosquitto.start(Files.createDirectories(dir.resolve("mosquitto")))) {
            Map<String, String> settings = new HashMap<>(bridge(mosquitto.url()));
            settings.put("topic.readings", readings);
            settings.put("topic.deadletter", deadLetter);
            settings.put("ingest.default-max-messages-per-second", "5");
            try (GatewayFixture gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), settings)) {
                Thread.sleep(1_000);
                Instant base = Instant.now().minusSeconds(600);

                // WHEN the enterprise's broker gets 30 readings at once, six times what its quota takes in a second
                publishUpstream(mosquitto.url(), "site-a/tank-2/data", readings(base, 30));

                // THEN every one of them reaches Kafka in time (held upstream and redelivered, not thrown away)
                Set<Instant> expected = java.util.stream.IntStream.range(0, 30)
                        .mapToObj(i -> Instant.ofEpochMilli(base.toEpochMilli() + i)).collect(Collectors.toSet());
                List<ConsumerRecord<String, byte[]>> stored = KafkaTestTopics.readUntil(readings,
                        rs -> eventTimes(rs).containsAll(expected), Duration.ofSeconds(60));
                assertThat(eventTimes(stored)).containsAll(expected);
                // AND none was dead-lettered as over quota: it was kept where it came from
                assertThat(KafkaTestTopics.readUntil(deadLetter, rs -> false, Duration.ofSeconds(8))).isEmpty();
            }
        }
    }

    @Test
    void messagesArrivingWhileKafkaIsDownAreNotAcknowledgedUpstreamAndArriveOnceKafkaIsBack() throws Exception {
        try (PrivateKafkaBroker kafka = PrivateKafkaBroker.start(dir.resolve("kafka"));
             Mosquitto mosquitto = Mosquitto.start(Files.createDirectories(dir.resolve("mosquitto")))) {
            String readings = kafka.createTopic("bridge.readings", 1);
            Map<String, String> settings = new HashMap<>(bridge(mosquitto.url()));
            settings.put("topic.readings", readings);
            settings.put("topic.deadletter", kafka.createTopic("bridge.deadletter", 1));
            settings.put("kafka.delivery-timeout-ms", "2000");
            settings.put(KafkaClientAuth.KEY, kafka.clientPropertiesFile("ingest"));
            try (GatewayFixture gateway = GatewayFixture.start(dir, kafka.bootstrap(), settings)) {
                Thread.sleep(1_000);
                Instant base = Instant.now().minusSeconds(600);
                publishUpstream(mosquitto.url(), "site-a/tank-2/data", readings(base, 5));
                assertThat(eventTimes(kafka.read(readings, rs -> rs.size() >= 5, Duration.ofSeconds(30)))).hasSize(5);

                // WHEN Kafka is down while the enterprise broker receives more readings
                kafka.stop();
                publishUpstream(mosquitto.url(), "site-a/tank-2/data", readings(base.plusSeconds(60), 20));
                Thread.sleep(6_000); // several delivery timeouts: the bridge fails, reconnects, is redelivered
                kafka.start();

                // THEN every one of them reaches Kafka (at least once)
                Set<Instant> expected = readings(base.plusSeconds(60), 20).stream()
                        .map(p -> Instant.ofEpochMilli(Long.parseLong(p.replaceAll(".*\"ts\":(\\d+).*", "$1"))))
                        .collect(Collectors.toSet());
                List<ConsumerRecord<String, byte[]>> stored = kafka.read(readings,
                        rs -> eventTimes(rs).containsAll(expected), Duration.ofSeconds(90));
                assertThat(eventTimes(stored)).containsAll(expected);
            }
        }
    }
}
