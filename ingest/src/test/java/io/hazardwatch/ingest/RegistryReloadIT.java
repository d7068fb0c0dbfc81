package io.hazardwatch.ingest;

import static io.hazardwatch.ingest.support.GatewayFixture.publish5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.Topics;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Registry changes apply to a running gateway: a new device is accepted, a revoked login is cut off. */
@Timeout(120)
class RegistryReloadIT {

    @TempDir
    Path dir;

    @Test
    void aDeviceAddedToTheRegistryIsAcceptedWithoutRestart() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("reload.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("reload.deadletter", 1)))) {
            MqttAsyncClient client = gateway.mqtt5(TestRegistry.ENT_B_USER);
            String topic = Topics.mqttReadings("ent-b", "room-2");
            assertThat(publish5(client, topic, "{\"sensor\":\"nh3-2\",\"value\":3}")).isEqualTo(0x87);

            gateway.rewriteRegistry(GatewayFixture.REGISTRY.replace("""
                          - id: room-1
                            sensors:
                              - {id: nh3-1, type: AMMONIA}
                    """, """
                          - id: room-1
                            sensors:
                              - {id: nh3-1, type: AMMONIA}
                          - id: room-2
                            sensors:
                              - {id: nh3-2, type: AMMONIA}
                    """));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int code = 0x87;
            while (code != 0x00 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                code = publish5(client, topic, "{\"sensor\":\"nh3-2\",\"value\":3}");
            }
            assertThat(code).isEqualTo(0x00);
            client.disconnect().waitForCompletion(5_000);
        }
    }

    @Test
    void aRevokedCredentialIsDisconnectedAndRefusedWithoutRestart() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("reload.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("reload.deadletter", 1)))) {
            MqttAsyncClient device = gateway.mqtt5("tank-1-dev");
            CompletableFuture<Integer> disconnectReason = new CompletableFuture<>();
            device.setCallback(GatewayFixture.onDisconnect(disconnectReason));

            gateway.rewriteRegistry(GatewayFixture.REGISTRY.replace("""
                            credentials:
                              - {username: tank-1-dev, passwordHash: "%s"}
                    """.formatted(TestRegistry.PASSWORD_HASH), ""));

            assertThat(disconnectReason.get(20, TimeUnit.SECONDS)).isEqualTo(0x87);
            assertThatThrownBy(() -> gateway.mqtt5("tank-1-dev"))
                    .isInstanceOf(MqttException.class)
                    .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(0x86));
            // the enterprise's other logins are not affected
            MqttAsyncClient gatewayLogin = gateway.mqtt5(TestRegistry.ENT_A_USER);
            assertThat(publish5(gatewayLogin, Topics.mqttReadings("ent-a", "tank-1"), "{\"sensor\":\"lel-1\",\"value\":1}"))
                    .isEqualTo(0x00);
            gatewayLogin.disconnect().waitForCompletion(5_000);
        }
    }
}
