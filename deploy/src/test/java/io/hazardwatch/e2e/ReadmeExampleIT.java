package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.IngestApp;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.model.DeadLetter;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs README's mosquitto_pub examples, exactly as written there except for the port, with Debian's real
 * mosquitto_pub against the gateway and the demo registry, and checks the effect README documents.
 */
@Timeout(90)
class ReadmeExampleIT {

    private static final Path README = Path.of("../README.md");
    private static Vertx vertx;
    private static IngestApp gateway;
    private static String readingsTopic;
    private static String deadLetterTopic;

    @BeforeAll
    static void startGateway() {
        readingsTopic = KafkaTestTopics.create("readme.readings", 1);
        deadLetterTopic = KafkaTestTopics.create("readme.deadletter", 1);
        vertx = Vertx.vertx();
        gateway = IngestApp.start(vertx, IngestConfig.from(Settings.of(Map.of(
                "mqtt.port", "0",
                "http.port", "0",
                "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                "topic.readings", readingsTopic,
                "topic.deadletter", deadLetterTopic,
                "registry.file", "config/registry.yaml")))).await();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.stop().await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void acceptedExamplePubAcksAndPutsTheReadingOnTheReadingsTopic() throws Exception {
        String output = run(example("accepted"));

        assertThat(output).contains("received PUBACK (Mid: 1, RC:0)");
        List<ConsumerRecord<String, byte[]>> records =
                KafkaTestTopics.readUntil(readingsTopic, rs -> !rs.isEmpty(), Duration.ofSeconds(10));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("hengda-chemicals/tank-farm-a/lel-02");
        Reading reading = Json.fromBytes(records.get(0).value(), Reading.class);
        assertThat(reading.value()).isEqualTo(12.5);
        assertThat(reading.unit()).isEqualTo("%LEL");
    }

    @Test
    void refusedExampleGetsReasonCode153AndIsKeptInTheDeadLetterTopic() throws Exception {
        String output = run(example("refused"));

        assertThat(output).contains("received PUBACK (Mid: 1, RC:153)").contains("PAYLOAD_INVALID: value: required, a number");
        List<ConsumerRecord<String, byte[]>> dead =
                KafkaTestTopics.readUntil(deadLetterTopic, rs -> !rs.isEmpty(), Duration.ofSeconds(10));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"sensor\":\"lel-02\",\"value\":\"high\"}");
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetter.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("PAYLOAD_INVALID");
    }

    /** The shell block that follows the README marker {@code <!-- readme-example:NAME}, pointed at the test gateway. */
    private static String example(String name) throws IOException {
        String readme = Files.readString(README);
        int marker = readme.indexOf("<!-- readme-example:" + name);
        assertThat(marker).as("README marker readme-example:%s", name).isNotNegative();
        int start = readme.indexOf("```sh\n", marker) + "```sh\n".length();
        String command = readme.substring(start, readme.indexOf("```", start));
        assertThat(command).contains("-p 1883");
        return command.replace("-p 1883", "-p " + gateway.mqttPort());
    }

    private static String run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
