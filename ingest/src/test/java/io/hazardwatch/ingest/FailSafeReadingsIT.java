package io.hazardwatch.ingest;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the readings that matter most reach detection through the real gateway and Kafka — over-range values
 * (finding 2), the good readings of a batch with a bad one (finding 2), and readings of a device whose clock runs
 * ahead (finding 4).
 */
@Timeout(120)
class FailSafeReadingsIT {

    private static final String ROOM = Topics.mqttReadings(TestRegistry.ENT_B, TestRegistry.ENT_B_DEVICE);
    private static GatewayFixture gateway;
    private static String readings;
    private static String deadLetter;

    @BeforeAll
    static void start(@TempDir Path dir) {
        readings = KafkaTestTopics.create("failsafe.readings", 1);
        deadLetter = KafkaTestTopics.create("failsafe.deadletter", 1);
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

    private static List<Reading> readingsOf(String sensor, int atLeast) {
        return KafkaTestTopics.readUntil(readings, rs -> rs.stream().map(FailSafeReadingsIT::reading)
                        .filter(r -> r.sensor().equals(sensor)).count() >= atLeast, Duration.ofSeconds(15))
                .stream().map(FailSafeReadingsIT::reading).filter(r -> r.sensor().equals(sensor)).toList();
    }

    private static Reading reading(ConsumerRecord<String, byte[]> record) {
        return Json.fromBytes(record.value(), Reading.class);
    }

    @Test
    void anAmmoniaReadingOf1500PpmAboveTheRangeOf1000IsStoredUnchanged() throws Exception {
        MqttClient client = gateway.mqtt3(TestRegistry.ENT_B_USER, TestRegistry.PASSWORD);
        client.publish(ROOM, "{\"sensor\":\"nh3-1\",\"value\":1500,\"unit\":\"ppm\"}".getBytes(StandardCharsets.UTF_8),
                1, false);
        client.disconnect();

        assertThat(readingsOf("nh3-1", 1)).extracting(Reading::value).contains(1500.0);
    }

    @Test
    void aMixedBatchKeepsItsGoodReadingsAndTellsWhichWereRefusedAndWhy() throws Exception {
        String tank = Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE);
        String batch = "{\"readings\":[{\"sensor\":\"lel-1\",\"value\":41.5},{\"sensor\":\"lel-1\",\"value\":\"high\"},"
                + "{\"sensor\":\"temp-1\",\"value\":1e12},{\"sensor\":\"temp-1\",\"value\":61.25}]}";

        // MQTT 5: PUBACK success (stored) with a reason string naming the refused readings
        MqttAsyncClient v5 = gateway.mqtt5(TestRegistry.ENT_A_USER);
        org.eclipse.paho.mqttv5.common.MqttMessage message = new org.eclipse.paho.mqttv5.common.MqttMessage(
                batch.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        IMqttToken token = v5.publish(tank, message);
        token.waitForCompletion(15_000);
        assertThat(token.getReasonCodes()[0]).isZero();
        assertThat(token.getResponseProperties().getReasonString())
                .startsWith("2 of 4 readings refused: PAYLOAD_INVALID: readings[1].value: required, a number; "
                        + "PAYLOAD_INVALID: readings[2].value: 1.0E12 degC is beyond any plausible instrument");
        v5.disconnect().waitForCompletion(5_000);

        // the good readings are on the readings topic, each refused one on the dead-letter topic with its own reason
        assertThat(readingsOf("lel-1", 1)).extracting(Reading::value).contains(41.5);
        assertThat(readingsOf("temp-1", 1)).extracting(Reading::value).contains(61.25).doesNotContain(1e12);
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestTopics.readUntil(deadLetter,
                rs -> rs.size() >= 2, Duration.ofSeconds(15));
        assertThat(dead).extracting(r -> header(r, DeadLetter.DETAIL))
                .anyMatch(d -> d.startsWith("readings[1].value: required, a number"))
                .anyMatch(d -> d.startsWith("readings[2].value: 1.0E12 degC is beyond any plausible instrument"));
        assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .contains("{\"sensor\":\"lel-1\",\"value\":\"high\"}");
    }

    @Test
    void anMqtt311ClientLearnsOfEachRefusedReadingOnItsErrorTopic() throws Exception {
        MqttClient client = gateway.mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD);
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                notices.add(new String(m.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.subscribe(Topics.mqttErrors(TestRegistry.ENT_A, "+"), 0);

        client.publish(Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE),
                ("{\"readings\":[{\"sensor\":\"lel-1\",\"value\":7},{\"sensor\":\"ghost\",\"value\":1}]}")
                        .getBytes(StandardCharsets.UTF_8), 1, false);

        String notice = notices.poll(10, TimeUnit.SECONDS);
        assertThat(notice).contains("\"reason\":\"UNKNOWN_SENSOR\"").contains("\"index\":1")
                .contains("readings[1].sensor: 'ghost' is not registered");
        assertThat(readingsOf("lel-1", 1)).extracting(Reading::value).contains(7.0);
        client.disconnect();
    }

    @Test
    void aStampFarAheadOfTheGatewayClockIsClampedAndDoesNotMuteTheSensorsLaterReadings() throws Exception {
        MqttClient client = gateway.mqtt3(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD);
        // tank-2's lel-1 is used by no other test here
        String tank2 = Topics.mqttReadings(TestRegistry.ENT_A, "tank-2");
        Instant ahead = Instant.now().plusSeconds(280);
        client.publish(tank2, ("{\"sensor\":\"lel-1\",\"value\":60,\"ts\":\"" + ahead + "\"}")
                .getBytes(StandardCharsets.UTF_8), 1, false);
        for (int i = 0; i < 5; i++) {
            client.publish(tank2, "{\"sensor\":\"lel-1\",\"value\":60}".getBytes(StandardCharsets.UTF_8), 1, false);
        }
        client.disconnect();

        List<Reading> stored = KafkaTestTopics.readUntil(readings, rs -> rs.stream().map(FailSafeReadingsIT::reading)
                        .filter(r -> r.device().equals("tank-2")).count() >= 6, Duration.ofSeconds(15))
                .stream().map(FailSafeReadingsIT::reading).filter(r -> r.device().equals("tank-2")).toList();
        assertThat(stored).hasSize(6);
        assertThat(stored).allSatisfy(r ->
                assertThat(r.eventTime()).isBeforeOrEqualTo(r.ingestTime().plusSeconds(2)));
        // in order of event time, as detection will see them: the first is not "ahead" of the rest
        assertThat(stored).extracting(Reading::eventTime).isSorted();
        assertThat(gateway.app.metrics().registry().get("hazardwatch.ingest.readings.clamped").counter().count())
                .isEqualTo(1.0);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
