package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Json;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The gateway says it is alive every 5 s on the heartbeats topic, for the alert service's watchdog (issue 15). */
@Timeout(60)
class HeartbeatIT {

    @Test
    void theGatewaySendsAHeartbeatNamingItsHostAndMqttPortAndConnections(@TempDir Path dir) throws Exception {
        String heartbeats = KafkaTestTopics.create("heartbeat.heartbeats", 1);
        Instant started = Instant.now();
        try (GatewayFixture gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("heartbeat.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("heartbeat.deadletter", 1),
                "topic.heartbeats", heartbeats))) {

            List<ConsumerRecord<String, byte[]>> records = KafkaTestTopics.readUntil(heartbeats,
                    rs -> rs.size() >= 2, Duration.ofSeconds(20));

            assertThat(records).hasSizeGreaterThanOrEqualTo(2); // the first at start, the next 5 s later
            Heartbeat beat = Json.fromBytes(records.get(0).value(), Heartbeat.class);
            assertThat(beat.stage()).isEqualTo(Heartbeat.Stage.GATEWAY);
            // issue 18: the host name, not the bind address (0.0.0.0 or 127.0.0.1 on every machine of a cluster)
            assertThat(beat.instance()).isEqualTo(java.net.InetAddress.getLocalHost().getHostName() + ":"
                    + gateway.app.mqttPort());
            assertThat(records.get(0).key()).isEqualTo(beat.key());
            assertThat(beat.detail()).isEqualTo("connections=0");
            assertThat(beat.time()).isAfterOrEqualTo(started.minusSeconds(1));
            Heartbeat next = Json.fromBytes(records.get(1).value(), Heartbeat.class);
            assertThat(Duration.between(beat.time(), next.time())).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));
        }
    }
}
