package io.hazardwatch.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Topics;
import io.hazardwatch.simulator.cli.SimulatorCli;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code deadletter --replay}: the refused messages of one enterprise, read back from a real dead-letter topic, are
 * published again on their own MQTT topics (a real Mosquitto stands in for the fixed gateway), stamped with the time
 * they were first received.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DeadLetterReplayIT {

    @Test
    void replaysOneEnterprisesRefusedMessagesWithTheirFirstReceiveTime(@TempDir Path dir) throws Exception {
        String topic = KafkaTestTopics.create("hazardwatch.deadletter.replay", 1);
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
        String entATopic = Topics.mqttReadings("ent-a", "tank-1");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(refused(topic, "ent-a", "UNKNOWN_SENSOR", entATopic,
                    "{\"sensor\":\"lel-9\",\"value\":61.0}", first)).get();
            producer.send(refused(topic, "ent-b", "UNKNOWN_SENSOR", Topics.mqttReadings("ent-b", "room-1"),
                    "{\"sensor\":\"nh3-9\",\"value\":3.0}", first)).get();
            producer.send(refused(topic, "ent-a", "PAYLOAD_INVALID", entATopic,
                    "{\"readings\":[{\"sensor\":\"lel-1\",\"value\":1.0,\"ts\":\"2026-01-01T00:00:00Z\"},{\"sensor\":\"lel-2\",\"value\":2.0}]}",
                    first.plusSeconds(1))).get();
        }
        try (MosquittoBroker broker = new MosquittoBroker(FreePort.find(), dir).start();
             MqttLink subscriber = LinkOptions.of(broker.url(), 3, "dl-sub", null, null).open()) {
            List<JsonNode> received = new CopyOnWriteArrayList<>();
            subscriber.connect().get(10, TimeUnit.SECONDS);
            subscriber.subscribe(entATopic, 1, (t, payload) -> received.add(parse(payload))).get(10, TimeUnit.SECONDS);

            StringWriter out = new StringWriter();
            int exit = cli(out).execute("deadletter", "--kafka", TestEnv.kafkaBootstrap(), "--topic", topic,
                    "--since", "PT1H", "--enterprise", "ent-a", "--replay", "--broker", broker.url(),
                    "--username", "ent-a-gw", "--password", "x", "--mqtt-version", "5");

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("2 refused messages since", "RESULT replayed=2 accepted=2 failed=0");
            for (int i = 0; i < 100 && received.size() < 2; i++) {
                Thread.sleep(100);
            }
            assertThat(received).hasSize(2);
            assertThat(received.get(0).get("sensor").asText()).isEqualTo("lel-9");
            assertThat(received.get(0).get("ts").asText()).isEqualTo(first.toString());
            JsonNode batch = received.get(1).get("readings");
            assertThat(batch.get(0).get("ts").asText()).as("a reading's own time is kept")
                    .isEqualTo("2026-01-01T00:00:00Z");
            assertThat(batch.get(1).get("ts").asText()).isEqualTo(first.plusSeconds(1).toString());
        }
    }

    private static JsonNode parse(byte[] payload) {
        try {
            return Json.MAPPER.readTree(payload);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ProducerRecord<String, byte[]> refused(String topic, String enterprise, String reason,
                                                          String mqttTopic, String payload, Instant at) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "client-1",
                payload.getBytes(StandardCharsets.UTF_8));
        record.headers().add(DeadLetter.REASON, reason.getBytes(StandardCharsets.UTF_8))
                .add(DeadLetter.DETAIL, "test".getBytes(StandardCharsets.UTF_8))
                .add(DeadLetter.MQTT_TOPIC, mqttTopic.getBytes(StandardCharsets.UTF_8))
                .add(DeadLetter.ENTERPRISE, enterprise.getBytes(StandardCharsets.UTF_8))
                .add(DeadLetter.RECEIVED_AT, at.toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static CommandLine cli(StringWriter out) {
        CommandLine cli = SimulatorCli.commandLine(null);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli;
    }
}
