package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.testsupport.PrivateKafkaBroker;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful shutdown while messages wait for Kafka (a private broker, stopped): the gateway stops reading, waits
 * for Kafka, sends the PUBACKs of what was in flight, and only then disconnects clients with 0x8B.
 */
@Timeout(300)
class ShutdownIT {

    private static final int PER_CONNECTION = 8;

    @TempDir
    Path dir;

    @Test
    void shutdownDrainsInFlightMessagesBeforeDisconnectingClients() throws Exception {
        try (PrivateKafkaBroker kafka = PrivateKafkaBroker.start(dir.resolve("kafka"))) {
            String readings = kafka.createTopic("shutdown.readings", 1);
            GatewayFixture gateway = GatewayFixture.start(dir, kafka.bootstrap(), Map.of(
                    KafkaClientAuth.KEY, kafka.clientPropertiesFile("ingest"),
                    "topic.readings", readings,
                    "topic.deadletter", kafka.createTopic("shutdown.deadletter", 1),
                    "ingest.max-in-flight-per-connection", Integer.toString(PER_CONNECTION),
                    "ingest.drain-timeout-seconds", "150",
                    "kafka.delivery-timeout-ms", "240000"));
            MqttAsyncClient client = gateway.mqtt5(TestRegistry.ENT_A_USER);
            CompletableFuture<Integer> disconnectReason = new CompletableFuture<>();
            client.setCallback(GatewayFixture.onDisconnect(disconnectReason));
            Instant base = Instant.now().minusSeconds(600);
            assertThat(codes(publish(client, base, 0, 3))).containsOnly(0x00);

            // GIVEN messages waiting for a stopped Kafka
            kafka.stop();
            List<IMqttToken> waiting = publish(client, base, 3, PER_CONNECTION);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (gateway.app.inFlight() < PER_CONNECTION && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(gateway.app.inFlight()).isEqualTo(PER_CONNECTION);
            assertThat(waiting).noneMatch(IMqttToken::isComplete);

            // WHEN the gateway shuts down, and Kafka comes back meanwhile
            Future<Void> stopped = gateway.app.stop();
            Thread.sleep(1_000);
            assertThat(stopped.isComplete()).as("stop waits for in-flight messages").isFalse();
            kafka.start();
            stopped.await(200, TimeUnit.SECONDS);

            // THEN every in-flight message got its PUBACK before the DISCONNECT 0x8B, and is in Kafka once
            assertThat(codes(waiting)).containsOnly(0x00);
            assertThat(disconnectReason.get(10, TimeUnit.SECONDS)).isEqualTo(0x8B);
            Set<Instant> stored = kafka.read(readings, rs -> rs.size() >= 3 + PER_CONNECTION, Duration.ofSeconds(30))
                    .stream().map(r -> Json.fromBytes(r.value(), Reading.class).eventTime()).collect(Collectors.toSet());
            assertThat(stored).hasSize(3 + PER_CONNECTION);
            gateway.vertx.close();
            client.close(true);
        }
    }

    private static List<IMqttToken> publish(MqttAsyncClient client, Instant base, int from, int count) throws MqttException {
        List<IMqttToken> tokens = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            MqttMessage message = new MqttMessage(("{\"sensor\":\"lel-1\",\"value\":1,\"ts\":" + (base.toEpochMilli() + i) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            tokens.add(client.publish(Topics.mqttReadings("ent-a", "tank-1"), message));
        }
        return tokens;
    }

    private static List<Integer> codes(List<IMqttToken> tokens) {
        List<Integer> codes = new ArrayList<>();
        for (IMqttToken token : tokens) {
            try {
                token.waitForCompletion(60_000);
                codes.add(token.getReasonCodes()[0]);
            } catch (MqttException e) {
                codes.add(-e.getReasonCode());
            }
        }
        return codes;
    }
}
