package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Topics;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Future;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop with {@code gateway.drain-seconds} (issue 18, rolling restart behind a balancer): /ready 503 and new
 * CONNECTs refused (0x9C use another server) at once, connected devices served through the drain, then DISCONNECT
 * 0x8B and a last heartbeat that says the gateway stopped on purpose.
 */
@Timeout(60)
class DrainIT {

    @Test
    void aStoppingGatewayIsTakenOutFirstThenServesItsDevicesForTheDrainThenDisconnectsThem(@TempDir Path dir)
            throws Exception {
        String heartbeats = KafkaTestTopics.create("drain.heartbeats", 1);
        GatewayFixture gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("drain.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("drain.deadletter", 1),
                "topic.heartbeats", heartbeats,
                "gateway.instance-id", "gw-drain",
                "gateway.drain-seconds", "6"));
        try {
            MqttAsyncClient device = gateway.mqtt5(TestRegistry.ENT_A_USER);
            CompletableFuture<Integer> disconnect = new CompletableFuture<>();
            device.setCallback(GatewayFixture.onDisconnect(disconnect));
            String topic = Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE);
            assertThat(GatewayFixture.publish5(device, topic, reading())).isZero();

            // WHEN the gateway is stopped gracefully
            Future<Void> stopped = gateway.app.stop();

            // THEN the balancer's check fails at once, a new device is sent elsewhere, the connected one goes on
            assertThat(ready(gateway)).isEqualTo(503);
            assertThat(gateway.connack5(TestRegistry.ENT_A_USER, "drain-newcomer")).isEqualTo(0x9C);
            assertThat(GatewayFixture.publish5(device, topic, reading())).as("PUBACK during the drain").isZero();
            assertThat(stopped.isComplete()).as("the drain lasts gateway.drain-seconds").isFalse();

            // AND after the drain the device is disconnected with 0x8B, and the last heartbeat says why it went
            stopped.await(30, TimeUnit.SECONDS);
            assertThat(disconnect.get(10, TimeUnit.SECONDS)).isEqualTo(0x8B);
            Heartbeat last = KafkaTestTopics.readUntil(heartbeats,
                            rs -> rs.stream().anyMatch(r -> Json.fromBytes(r.value(), Heartbeat.class).saysStopped()),
                            Duration.ofSeconds(20)).stream()
                    .map(r -> Json.fromBytes(r.value(), Heartbeat.class)).reduce((a, b) -> b).orElseThrow();
            assertThat(last.instance()).isEqualTo("gw-drain");
            assertThat(last.saysStopped()).isTrue();
            device.close(true);
        } finally {
            gateway.vertx.close();
        }
    }

    private static String reading() {
        return "{\"sensor\":\"lel-1\",\"value\":1,\"ts\":" + Instant.now().toEpochMilli() + "}";
    }

    private static int ready(GatewayFixture gateway) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create(gateway.http() + "/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
