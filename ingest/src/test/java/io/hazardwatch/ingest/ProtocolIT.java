package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.DeviceStatus;
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
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** MQTT protocol behaviour: will → device status, error topic, sessions, takeover, QoS 2. */
@Timeout(120)
class ProtocolIT {

    private static final String STATUS_TOPIC = Topics.mqttStatus("ent-a", "tank-1");
    private static GatewayFixture gateway;
    private static String statusTopic;

    @BeforeAll
    static void start(@TempDir Path dir) {
        statusTopic = KafkaTestTopics.create("protocol.status", 1);
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("protocol.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("protocol.deadletter", 1),
                "topic.device-status", statusTopic));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static MqttAsyncClient withWill(String clientId, String willTopic) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(gateway.url(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("tank-1-dev");
        options.setPassword(TestRegistry.PASSWORD.toCharArray());
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setWill(willTopic, "offline".getBytes(StandardCharsets.UTF_8), 1, false);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private static List<DeviceStatus> statusOf(String clientId, int atLeast, Duration wait) {
        return KafkaTestTopics.readUntil(statusTopic, rs -> rs.stream()
                                .filter(r -> Json.fromBytes(r.value(), DeviceStatus.class).clientId().equals(clientId))
                                .count() >= atLeast, wait).stream()
                .map(r -> Json.fromBytes(r.value(), DeviceStatus.class))
                .filter(s -> s.clientId().equals(clientId)).toList();
    }

    @Test
    void aLostConnectionPublishesTheWillAsAnOfflineStatusEvent() throws Exception {
        String clientId = "will-" + UUID.randomUUID();
        MqttAsyncClient client = withWill(clientId, STATUS_TOPIC);

        client.disconnectForcibly(0, 1_000, false); // the network goes away: no DISCONNECT packet

        List<DeviceStatus> events = statusOf(clientId, 2, Duration.ofSeconds(15));
        assertThat(events).extracting(DeviceStatus::state)
                .containsExactly(DeviceStatus.State.ONLINE, DeviceStatus.State.OFFLINE);
        assertThat(events.get(1).enterprise()).isEqualTo("ent-a");
        assertThat(events.get(1).device()).isEqualTo("tank-1");
        client.close();
    }

    @Test
    void aCleanDisconnectDiscardsTheWill() throws Exception {
        String clientId = "will-" + UUID.randomUUID();
        MqttAsyncClient client = withWill(clientId, STATUS_TOPIC);

        client.disconnect().waitForCompletion(5_000);

        assertThat(statusOf(clientId, 2, Duration.ofSeconds(4))).extracting(DeviceStatus::state)
                .containsExactly(DeviceStatus.State.ONLINE);
        client.close();
    }

    @Test
    void aWillOnADeviceTheLoginDoesNotOwnIsRefusedAtConnect() {
        assertThatThrownBy(() -> withWill("will-" + UUID.randomUUID(), Topics.mqttStatus("ent-a", "tank-2")))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode())
                        .isEqualTo((int) MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void anMqtt311ClientSubscribedToItsErrorTopicLearnsWhyAMessageWasRefused() throws Exception {
        MqttClient client = gateway.mqtt3("tank-1-dev", TestRegistry.PASSWORD);
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        client.subscribe(Topics.mqttErrors("ent-a", "tank-1"), 0,
                (topic, message) -> notices.add(new String(message.getPayload(), StandardCharsets.UTF_8)));

        client.publish(Topics.mqttReadings("ent-a", "tank-1"),
                "{\"sensor\":\"lel-1\",\"value\":\"high\"}".getBytes(StandardCharsets.UTF_8), 1, false);

        String notice = notices.poll(10, TimeUnit.SECONDS);
        assertThat(notice).contains("\"reason\":\"PAYLOAD_INVALID\"", "\"code\":153", "value: required, a number",
                "\"messageId\":");
        client.disconnect();
        client.close();
    }

    @Test
    void subscribingToAnythingButOwnErrorTopicsIsRefusedWith0x80() throws Exception {
        MqttClient client = gateway.mqtt3("tank-1-dev", TestRegistry.PASSWORD);

        int[] granted = client.subscribeWithResponse(new String[] {
                Topics.mqttErrors("ent-a", "tank-1"), Topics.mqttErrors("ent-a", "tank-2"),
                Topics.mqttReadings("ent-a", "tank-1"), "#"}, new int[] {1, 0, 0, 0}).getGrantedQos();

        assertThat(granted).containsExactly(0, 0x80, 0x80, 0x80);
        client.disconnect();
        client.close();
    }

    @Test
    void aPersistentSessionKeepsTheErrorTopicSubscriptionAcrossReconnects() throws Exception {
        String clientId = "persistent-" + UUID.randomUUID();
        MqttAsyncClient first = persistent(clientId, false);
        IMqttToken firstConnect = first.connect(options(false));
        firstConnect.waitForCompletion(10_000);
        assertThat(firstConnect.getSessionPresent()).isFalse();
        first.subscribe(Topics.mqttErrors("ent-a", "tank-1"), 0).waitForCompletion(5_000);
        first.disconnect().waitForCompletion(5_000);
        first.close();

        MqttAsyncClient second = persistent(clientId, false);
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        second.setCallback(callback(notices));
        IMqttToken connected = second.connect(options(false));
        connected.waitForCompletion(10_000);
        second.publish(Topics.mqttReadings("ent-a", "tank-1"), "not json".getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(10_000);

        assertThat(connected.getSessionPresent()).isTrue();
        assertThat(notices.poll(10, TimeUnit.SECONDS)).contains("PAYLOAD_INVALID");
        second.disconnect().waitForCompletion(5_000);
        second.close();

        MqttAsyncClient clean = persistent(clientId, true);
        IMqttToken cleanConnect = clean.connect(options(true));
        cleanConnect.waitForCompletion(10_000);
        assertThat(cleanConnect.getSessionPresent()).isFalse();
        clean.disconnect().waitForCompletion(5_000);
        clean.close();
    }

    @Test
    void aSecondConnectionWithTheSameClientIdTakesTheFirstOver() throws Exception {
        String clientId = "twice-" + UUID.randomUUID();
        MqttAsyncClient first = persistent(clientId, true);
        CompletableFuture<Throwable> lost = new CompletableFuture<>();
        first.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.complete(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        first.connect(options(true)).waitForCompletion(10_000);

        MqttAsyncClient second = persistent(clientId, true);
        second.connect(options(true)).waitForCompletion(10_000);

        assertThat(lost.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(second.isConnected()).isTrue();
        second.disconnect().waitForCompletion(5_000);
        second.close();
        first.close();
    }

    @Test
    void publishingWithQos2ClosesTheConnection() throws Exception {
        MqttClient client = gateway.mqtt3("tank-1-dev", TestRegistry.PASSWORD);

        assertThatThrownBy(() -> client.publish(Topics.mqttReadings("ent-a", "tank-1"),
                "{\"sensor\":\"lel-1\",\"value\":1}".getBytes(StandardCharsets.UTF_8), 2, false))
                .isInstanceOf(MqttException.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(client.isConnected()).isFalse();
        client.close();
    }

    private static MqttAsyncClient persistent(String clientId, boolean clean) throws MqttException {
        return new MqttAsyncClient(gateway.url(), clientId, new MemoryPersistence());
    }

    private static MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("tank-1-dev");
        options.setPassword(TestRegistry.PASSWORD.toCharArray());
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        return options;
    }

    private static MqttCallback callback(BlockingQueue<String> notices) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                notices.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        };
    }
}
