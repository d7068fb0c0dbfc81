package io.hazardwatch.ingest;

import static io.hazardwatch.ingest.support.GatewayFixture.publish5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.model.Topics;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Per-enterprise limits (ent-c: 2 connections, 5 messages/s): a clear refusal, other enterprises unaffected. */
@Timeout(120)
class LimitsIT {

    private static GatewayFixture gateway;
    private static String deadLetter;
    private static String readings;

    @BeforeAll
    static void start(@TempDir Path dir) {
        deadLetter = KafkaTestTopics.create("limits.deadletter", 1);
        readings = KafkaTestTopics.create("limits.readings", 1);
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", readings,
                "topic.deadletter", deadLetter));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aConnectionOverTheEnterpriseLimitIsRefusedWithQuotaExceededWhileOthersStillConnect() throws Exception {
        MqttAsyncClient first = gateway.mqtt5("ent-c-gw");
        MqttAsyncClient second = gateway.mqtt5("ent-c-gw");

        assertThatThrownBy(() -> gateway.mqtt5("ent-c-gw"))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(0x97));
        assertThatThrownBy(() -> gateway.mqtt3("ent-c-gw", TestRegistry.PASSWORD))
                .isInstanceOf(org.eclipse.paho.client.mqttv3.MqttException.class)
                .satisfies(e -> assertThat(((org.eclipse.paho.client.mqttv3.MqttException) e).getReasonCode())
                        .isEqualTo(3)); // 3.1.1: server unavailable
        MqttAsyncClient otherEnterprise = gateway.mqtt5(TestRegistry.ENT_B_USER);
        assertThat(otherEnterprise.isConnected()).isTrue();

        // a client reconnecting with its client id takes its old connection over, even at the limit
        MqttAsyncClient again = new MqttAsyncClient(gateway.url(), second.getClientId(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        org.eclipse.paho.mqttv5.client.MqttConnectionOptions options = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        options.setUserName("ent-c-gw");
        options.setPassword(TestRegistry.PASSWORD.getBytes(StandardCharsets.UTF_8));
        again.connect(options).waitForCompletion(10_000);
        assertThat(again.isConnected()).isTrue();
        second = again;

        // a slot frees when a connection closes
        first.disconnect().waitForCompletion(5_000);
        MqttAsyncClient third = retryConnect("ent-c-gw");
        assertThat(third.isConnected()).isTrue();
        for (MqttAsyncClient c : List.of(second, otherEnterprise, third)) {
            c.disconnect().waitForCompletion(5_000);
        }
        Thread.sleep(500); // let the gateway count the closes before another test connects ent-c
    }

    @Test
    void messagesOverTheEnterpriseRateGetQuotaExceededWhileAnotherEnterpriseIsUnaffected() throws Exception {
        Thread.sleep(1_100); // a full bucket
        MqttAsyncClient limited = gateway.mqtt5("ent-c-gw");
        MqttAsyncClient other = gateway.mqtt5(TestRegistry.ENT_B_USER);

        List<IMqttToken> limitedTokens = burst(limited, Topics.mqttReadings("ent-c", "silo-1"), "dust-1", 30);
        List<IMqttToken> otherTokens = burst(other, Topics.mqttReadings("ent-b", "room-1"), "nh3-1", 30);

        List<Integer> limitedCodes = codes(limitedTokens);
        assertThat(limitedCodes).filteredOn(c -> c == 0x00).hasSizeGreaterThanOrEqualTo(5);
        assertThat(limitedCodes).filteredOn(c -> c == 0x97).isNotEmpty();
        assertThat(limitedCodes).allMatch(c -> c == 0x00 || c == 0x97);
        assertThat(codes(otherTokens)).containsOnly(0x00);
        limited.disconnect().waitForCompletion(5_000);
        other.disconnect().waitForCompletion(5_000);
    }

    @Test
    void anMqtt311ClientOverTheRateGetsNoPubAckAndIsDisconnectedSoThatItsResendIsStoredOnce() throws Exception {
        Thread.sleep(1_100); // a full bucket of 5
        String topic = Topics.mqttReadings("ent-c", "silo-1");
        org.eclipse.paho.client.mqttv3.MqttClient client = gateway.mqtt3("ent-c-gw", TestRegistry.PASSWORD);
        String clientId = client.getClientId();
        int refused = -1;
        for (int i = 0; i < 30 && refused < 0; i++) {
            try {
                client.publish(topic, payload(i), 1, false);
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                refused = i; // no PUBACK: the connection was closed under it
            }
        }
        assertThat(refused).as("first message without PUBACK").isGreaterThanOrEqualTo(5);
        int first = refused;
        assertThat(client.isConnected()).isFalse();
        client.close();

        Thread.sleep(1_100); // the next second's quota
        org.eclipse.paho.client.mqttv3.MqttClient again = gateway.mqtt3("ent-c-gw", TestRegistry.PASSWORD);
        again.publish(topic, payload(first), 1, false);
        again.disconnect();
        again.close();

        String resent = new String(payload(first), StandardCharsets.UTF_8);
        List<String> stored = KafkaTestTopics.readUntil(readings, rs -> rs.stream()
                        .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(value(first))),
                Duration.ofSeconds(15)).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .filter(v -> v.contains(value(first))).toList();
        assertThat(stored).as("readings carrying %s", resent).hasSize(1);
        // it was never stored as refused: the client kept it and sent it again
        assertThat(KafkaTestTopics.readUntil(deadLetter, rs -> false, Duration.ofSeconds(2)))
                .noneMatch(r -> isQuota(r) && new String(r.headers().lastHeader(DeadLetter.CLIENT_ID).value(),
                        StandardCharsets.UTF_8).equals(clientId));
    }

    /** A dust reading whose value marks message {@code i} of the test. */
    private static byte[] payload(int i) {
        return ("{\"sensor\":\"dust-1\"," + value(i) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String value(int i) {
        return "\"value\":" + (700 + i) + ".125";
    }

    private static boolean isQuota(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> r) {
        return r.headers().lastHeader(DeadLetter.REASON) != null
                && new String(r.headers().lastHeader(DeadLetter.REASON).value()).equals("QUOTA_EXCEEDED");
    }

    private static MqttAsyncClient retryConnect(String user) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return gateway.mqtt5(user);
            } catch (MqttException e) {
                if (attempt > 20) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static List<IMqttToken> burst(MqttAsyncClient client, String topic, String sensor, int count) throws Exception {
        List<IMqttToken> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MqttMessage message = new MqttMessage(("{\"sensor\":\"" + sensor + "\",\"value\":" + i + "}")
                    .getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            tokens.add(client.publish(topic, message));
        }
        return tokens;
    }

    private static List<Integer> codes(List<IMqttToken> tokens) {
        List<Integer> codes = new ArrayList<>();
        for (IMqttToken token : tokens) {
            try {
                token.waitForCompletion(15_000);
                codes.add(token.getReasonCodes()[0]);
            } catch (MqttException e) {
                codes.add(e.getReasonCode());
            }
        }
        return codes;
    }
}
