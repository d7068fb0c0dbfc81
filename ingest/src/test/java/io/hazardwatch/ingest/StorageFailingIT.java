package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Topics;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway whose readings Kafka does not take while its heartbeats still get through — here the broker refuses them
 * (the readings topic takes no record batch above 64 bytes; a partition short of in-sync replicas, a codec that cannot
 * load or a denied write look the same to the gateway) — withholds the PUBACKs and says so in its heartbeat ({@code failingSince}, the
 * count and the cause), which the watchdog shows as the gateway DEGRADED: it must not beat "alive" while none of its
 * devices is watched. Once Kafka takes readings again the heartbeat is clean.
 */
@Timeout(90)
class StorageFailingIT {

    private static GatewayFixture gateway;
    private static String heartbeats;
    private static String readings;

    @BeforeAll
    static void start(@TempDir Path dir) {
        heartbeats = KafkaTestTopics.create("storagefail.heartbeats", 1);
        readings = KafkaTestTopics.create("storagefail.readings", 1, Map.of("max.message.bytes", "64"));
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "kafka.delivery-timeout-ms", "2000",
                "topic.heartbeats", heartbeats,
                "topic.readings", readings));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void readingsKafkaDoesNotTakeAreNotAcknowledgedAndTheHeartbeatSaysSince() throws Exception {
        String topic = Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE);
        byte[] payload = "{\"sensor\":\"lel-1\",\"value\":12}".getBytes(StandardCharsets.UTF_8);
        MqttClient device = gateway.mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD);
        // no PUBACK: the gateway closes the connection so that the device re-sends
        assertThatThrownBy(() -> device.publish(topic, payload, 1, false)).isInstanceOf(MqttException.class);
        device.close();
        assertThat(gateway.app.metrics().storageFailures()).isEqualTo(1);

        List<Heartbeat> failing = beats(hs -> hs.stream().anyMatch(h -> h.failingSince() != null))
                .stream().filter(h -> h.failingSince() != null).toList();
        assertThat(failing).isNotEmpty();
        assertThat(failing.get(0).detail()).contains("1 messages not written to Kafka since the last heartbeat",
                "PUBACKs withheld", "RecordTooLargeException");

        // Kafka takes readings again: the next message is acknowledged and the heartbeat after it is clean
        try (Admin admin = Admin.create(TestEnv.kafkaClientProperties())) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, readings),
                    List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048588"), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
        MqttClient again = gateway.mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD);
        again.publish(topic, payload, 1, false);
        again.disconnect();
        java.time.Instant acknowledged = java.time.Instant.now();
        // the first beat after the PUBACK may still count the failure before it; the one after that may not
        List<Heartbeat> after = beats(hs -> hs.stream().filter(h -> h.time().isAfter(acknowledged)).count() >= 2)
                .stream().filter(h -> h.time().isAfter(acknowledged)).toList();
        assertThat(after).hasSizeGreaterThanOrEqualTo(2);
        assertThat(after.get(after.size() - 1).failingSince()).as("the heartbeat once Kafka takes readings").isNull();
    }

    private static List<Heartbeat> beats(java.util.function.Predicate<List<Heartbeat>> done) {
        return KafkaTestTopics.readUntil(heartbeats, rs -> done.test(parse(rs)), Duration.ofSeconds(20)).stream()
                .map(r -> Json.fromBytes(r.value(), Heartbeat.class)).toList();
    }

    private static List<Heartbeat> parse(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> rs) {
        return rs.stream().map(r -> Json.fromBytes(r.value(), Heartbeat.class)).toList();
    }
}
