package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.Topics;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * mqtt.max-connections: a full gateway refuses a CONNECT at once with "server unavailable" (rather than running out of
 * file descriptors, when it could no longer reach Kafka), keeps serving the connections it holds, and takes new ones
 * again when one leaves.
 */
@Timeout(60)
class GatewayFullIT {

    private static GatewayFixture gateway;
    private static String heartbeats;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "mqtt.max-connections", "2",
                "topic.heartbeats", heartbeats = KafkaTestTopics.create("full.heartbeats", 1),
                "topic.readings", KafkaTestTopics.create("full.readings", 1)));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aFullGatewayRefusesTheNextConnectAndServesTheOnesItHolds() throws Exception {
        MqttClient first = gateway.mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD);
        MqttClient second = gateway.mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD);

        assertThatThrownBy(() -> gateway.mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
                        .isEqualTo((int) MqttException.REASON_CODE_BROKER_UNAVAILABLE));
        // the connections it holds still get their PUBACKs (publish at QoS 1 returns after it)
        first.publish(Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE),
                "{\"sensor\":\"lel-1\",\"value\":12}".getBytes(StandardCharsets.UTF_8), 1, false);
        assertThat(gateway.app.metrics().registry().get("hazardwatch.ingest.connections.refused")
                .tag("reason", "gateway_full").counter().count()).isEqualTo(1);

        // the duty room hears of it: the gateway's heartbeat says since when it refuses devices (the watchdog's
        // StageHealth calls that DEGRADED)
        java.util.List<io.hazardwatch.model.Heartbeat> refusing = KafkaTestTopics.readUntil(heartbeats,
                        rs -> rs.stream().anyMatch(r -> heartbeat(r).failingSince() != null), java.time.Duration.ofSeconds(20))
                .stream().map(GatewayFullIT::heartbeat).filter(h -> h.failingSince() != null).toList();
        assertThat(refusing).isNotEmpty();
        assertThat(refusing.get(0).detail()).contains("refused 1 CONNECTs", "mqtt.max-connections");

        second.disconnect();
        second.close();
        // the slot is given back as the close is handled on the gateway's event loop
        MqttClient third = null;
        for (int attempt = 0; third == null; attempt++) {
            try {
                third = gateway.mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD);
            } catch (MqttException e) {
                if (attempt >= 20) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        assertThat(third.isConnected()).isTrue();
        third.disconnect();
        first.disconnect();
    }

    private static io.hazardwatch.model.Heartbeat heartbeat(
            org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        return io.hazardwatch.model.Json.fromBytes(record.value(), io.hazardwatch.model.Heartbeat.class);
    }
}
