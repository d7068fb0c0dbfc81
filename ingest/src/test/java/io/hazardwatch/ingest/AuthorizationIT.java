package io.hazardwatch.ingest;

import static io.hazardwatch.ingest.support.GatewayFixture.publish5;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Who may publish for which device: device logins, gateways with their devices, enterprise isolation. */
@Timeout(120)
class AuthorizationIT {

    private static GatewayFixture gateway;
    private static String readings;
    private static String deadLetter;

    @BeforeAll
    static void start(@TempDir Path dir) {
        readings = KafkaTestTopics.create("auth.readings", 1);
        deadLetter = KafkaTestTopics.create("auth.deadletter", 1);
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", readings, "topic.deadletter", deadLetter));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String reading(String sensor, double value) {
        return "{\"sensor\":\"" + sensor + "\",\"value\":" + value + "}";
    }

    private static List<Double> valuesIn(String topic, String key) {
        return KafkaTestTopics.readUntil(topic, rs -> false, Duration.ofSeconds(2)).stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> Json.fromBytes(r.value(), Reading.class).value()).toList();
    }

    @Test
    void aDeviceLoginMayPublishForItsOwnDeviceAndNoOther() throws Exception {
        MqttAsyncClient device = gateway.mqtt5("tank-1-dev");

        int own = publish5(device, Topics.mqttReadings("ent-a", "tank-1"), reading("lel-1", 1.5));
        int sibling = publish5(device, Topics.mqttReadings("ent-a", "tank-2"), reading("lel-1", 2.5));

        assertThat(own).isEqualTo(0x00);
        assertThat(sibling).isEqualTo(0x87);
        assertThat(valuesIn(readings, "ent-a/tank-2/lel-1")).doesNotContain(2.5);
        device.disconnect().waitForCompletion(5_000);
    }

    @Test
    void aGatewayMayPublishForTheDevicesRegisteredBehindItAndNoOthers() throws Exception {
        MqttAsyncClient edge = gateway.mqtt5("ent-a-edge");

        int behind = publish5(edge, Topics.mqttReadings("ent-a", "tank-2"), reading("lel-1", 3.5));
        int notBehind = publish5(edge, Topics.mqttReadings("ent-a", "tank-1"), reading("lel-1", 4.5));

        assertThat(behind).isEqualTo(0x00);
        assertThat(notBehind).isEqualTo(0x87);
        assertThat(valuesIn(readings, "ent-a/tank-1/lel-1")).doesNotContain(4.5);
        edge.disconnect().waitForCompletion(5_000);
    }

    @Test
    void anMqtt311ClientCannotPublishIntoAnotherEnterpriseAndLearnsWhyOnItsErrorTopic() throws Exception {
        MqttClient intruder = gateway.mqtt3("ent-b-gw", TestRegistry.PASSWORD);
        java.util.concurrent.BlockingQueue<String> notices = new java.util.concurrent.LinkedBlockingQueue<>();
        intruder.subscribe(Topics.mqttErrors("ent-b", "room-1"), 0,
                (topic, message) -> notices.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        String marker = UUID.randomUUID().toString();

        intruder.publish(Topics.mqttReadings("ent-a", "tank-1"),
                ("{\"sensor\":\"lel-1\",\"value\":5.5,\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8), 1, false);

        assertThat(valuesIn(readings, "ent-a/tank-1/lel-1")).doesNotContain(5.5);
        ConsumerRecord<String, byte[]> dead = KafkaTestTopics.readUntil(deadLetter,
                        rs -> rs.stream().anyMatch(r -> new String(r.value()).contains(marker)), Duration.ofSeconds(15))
                .stream().filter(r -> new String(r.value()).contains(marker)).findFirst().orElseThrow();
        assertThat(new String(dead.headers().lastHeader(DeadLetter.REASON).value())).isEqualTo("NOT_AUTHORIZED");
        assertThat(new String(dead.headers().lastHeader(DeadLetter.ENTERPRISE).value())).isEqualTo("ent-b");
        String notice = notices.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(notice).contains("\"reason\":\"NOT_AUTHORIZED\"").contains("\"code\":135");
        intruder.disconnect();
        intruder.close();
    }

    @Test
    void aClientCannotReadAnotherEnterprisesErrorTopic() throws Exception {
        MqttClient intruder = gateway.mqtt3("ent-b-gw", TestRegistry.PASSWORD);

        int granted;
        try {
            granted = intruder.subscribeWithResponse(Topics.mqttErrors("ent-a", "tank-1"), 0).getGrantedQos()[0];
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            granted = e.getReasonCode();
        }

        assertThat(granted).isEqualTo(0x80);
        intruder.disconnect();
        intruder.close();
    }
}
