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
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client ids are one namespace for every tenant: a login of enterprise A that connects with the client id of B's
 * device is refused (3.1.1: 2 identifier rejected, MQTT 5: 0x85) while B's device is connected or its persistent
 * session is kept, and B's connection stays up; B's own login still takes over its own session.
 */
@Timeout(60)
class ClientIdTenantIT {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("clientid.readings", 1)));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static void publishAsB(MqttClient client) throws MqttException {
        client.publish(Topics.mqttReadings(TestRegistry.ENT_B, TestRegistry.ENT_B_DEVICE),
                "{\"sensor\":\"nh3-1\",\"value\":3}".getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Test
    void anotherEnterprisesLoginCannotTakeOverAConnectedDevicesClientIdButItsOwnLoginCan() throws Exception {
        String clientId = "room-1-" + UUID.randomUUID();
        MqttClient b = gateway.mqtt3(TestRegistry.ENT_B_USER, TestRegistry.PASSWORD, clientId, true);

        assertThatThrownBy(() -> gateway.mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD, clientId, true))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
                        .isEqualTo((int) MqttException.REASON_CODE_INVALID_CLIENT_ID));
        assertThat(gateway.connack5(TestRegistry.ENT_A_USER, clientId)).as("MQTT 5: client identifier not valid")
                .isEqualTo(0x85);
        assertThat(b.isConnected()).isTrue();
        publishAsB(b);

        // its own login takes its session over (a device reconnecting over a half-open connection)
        MqttClient again = gateway.mqtt3(TestRegistry.ENT_B_USER, TestRegistry.PASSWORD, clientId, true);
        publishAsB(again);
        again.disconnect();
        assertThat(gateway.app.metrics().registry().get("hazardwatch.ingest.connections.refused")
                .tag("reason", "client_id_held").counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aPersistentSessionKeepsItsClientIdForItsLoginAfterDisconnect() throws Exception {
        String clientId = "room-1-p-" + UUID.randomUUID();
        MqttClient b = gateway.mqtt3(TestRegistry.ENT_B_USER, TestRegistry.PASSWORD, clientId, false);
        b.disconnect();
        b.close();

        assertThatThrownBy(() -> gateway.mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD, clientId, true))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
                        .isEqualTo((int) MqttException.REASON_CODE_INVALID_CLIENT_ID));
        MqttClient back = gateway.mqtt3(TestRegistry.ENT_B_USER, TestRegistry.PASSWORD, clientId, false);
        publishAsB(back);
        back.disconnect();
    }
}
