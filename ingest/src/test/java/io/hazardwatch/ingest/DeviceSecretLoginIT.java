package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.ingest.support.SecretRegistry;
import io.hazardwatch.model.Topics;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Device-secret logins ($hwsec1$) against the real gateway and Kafka: checked on the event loop, next to bcrypt. */
@Timeout(120)
class DeviceSecretLoginIT {

    private static final String TOPIC = Topics.mqttReadings(SecretRegistry.ENTERPRISE, SecretRegistry.DEVICE);
    private static final String READING = "{\"sensor\":\"temp-1\",\"value\":21.5}";
    private static GatewayFixture gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("secret.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("secret.deadletter", 1)),
                SecretRegistry.yaml(TestRegistry.PASSWORD_HASH));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aDeviceWithASecretConnectsPublishesAndIsPubAcked() throws Exception {
        connectPublishAndDisconnect(SecretRegistry.SECRET_USER, SecretRegistry.SECRET);
    }

    @Test
    void theWrongSecretIsRefusedWithBadCredentialsIn311And5() throws Exception {
        String wrong = SecretRegistry.SECRET.substring(0, SecretRegistry.SECRET.length() - 1)
                + (SecretRegistry.SECRET.endsWith("A") ? "B" : "A");

        assertThatThrownBy(() -> gateway.mqtt3(SecretRegistry.SECRET_USER, wrong))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(4));
        MqttAsyncClient v5 = new MqttAsyncClient(gateway.url(), "it5-" + UUID.randomUUID(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(SecretRegistry.SECRET_USER);
        options.setPassword(wrong.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> v5.connect(options).waitForCompletion(10_000))
                .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class)
                .satisfies(e -> assertThat(((org.eclipse.paho.mqttv5.common.MqttException) e).getReasonCode())
                        .isEqualTo(0x86));
        v5.close(true);
    }

    @Test
    void aBcryptLoginStillConnectsAndPublishes() throws Exception {
        connectPublishAndDisconnect(SecretRegistry.BCRYPT_USER, TestRegistry.PASSWORD);
    }

    @Test
    void aDeviceSecretIsCheckedWithoutTheLoginWorkers() throws Exception {
        MeterRegistry meters = gateway.app.metrics().registry();
        long cheapBefore = connects(meters, "cheap");
        long bcryptBefore = connects(meters, "bcrypt");

        MqttClient device = gateway.mqtt3(SecretRegistry.SECRET_USER, SecretRegistry.SECRET);

        // the timer is recorded on the gateway's event loop right after the CONNACK is written: allow it that moment
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (connects(meters, "cheap") == cheapBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(connects(meters, "cheap")).isEqualTo(cheapBefore + 1);
        assertThat(connects(meters, "bcrypt")).isEqualTo(bcryptBefore);
        assertThat(meters.get("hazardwatch.ingest.logins.pending").gauge().value()).isZero();
        device.disconnect();
    }

    @Test
    void httpIngestAcceptsADeviceSecretAndRefusesAWrongOne() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(gateway.http() + "/hazardwatch/v1/" + SecretRegistry.ENTERPRISE + "/"
                + SecretRegistry.DEVICE + "/readings");

        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SecretRegistry.SECRET_USER + ":" + SecretRegistry.SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(READING)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SecretRegistry.SECRET_USER + ":" + SecretRegistry.SECRET + "x")
                .POST(HttpRequest.BodyPublishers.ofString(READING)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).as(ok.body()).isBetween(200, 299);
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    private static void connectPublishAndDisconnect(String username, String password) throws Exception {
        MqttClient client = gateway.mqtt3(username, password);

        // publish() at QoS 1 returns only after the PUBACK
        client.publish(TOPIC, READING.getBytes(StandardCharsets.UTF_8), 1, false);

        assertThat(client.isConnected()).isTrue();
        client.disconnect();
    }

    private static long connects(MeterRegistry meters, String login) {
        return meters.get("hazardwatch.ingest.connect").tag("login", login).timer().count();
    }
}
