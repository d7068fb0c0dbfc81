package io.hazardwatch.streamjobs.kafka;

import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.streamjobs.heartbeat.HeartbeatSender;
import io.hazardwatch.streamjobs.heartbeat.HeartbeatSink;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats to a Kafka topic, key {@code stage/instance}, through a small producer of each subtask's own. Bounded
 * waits, no retries worth the name: a heartbeat that cannot go now is worth nothing later, and the next one comes
 * within the interval.
 */
public record KafkaHeartbeatSink(String bootstrap, String topic, Duration interval, KafkaClientAuth auth)
        implements HeartbeatSink {

    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaHeartbeatSink.class);

    public KafkaHeartbeatSink(String bootstrap, String topic, KafkaClientAuth auth) {
        this(bootstrap, topic, INTERVAL, auth);
    }

    @Override
    public HeartbeatSender open(String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "heartbeat-" + clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(3_000, interval.toMillis()));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256 * 1024L);
        auth.addTo(props);
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        return new HeartbeatSender() {
            private volatile boolean failing;

            @Override
            public void send(Heartbeat heartbeat) {
                producer.send(new ProducerRecord<>(topic, heartbeat.key(), Json.toBytes(heartbeat)), (meta, e) -> {
                    if (e != null && !failing) {
                        LOG.warn("heartbeat {} not delivered to {}: {}", heartbeat.key(), topic, e.toString());
                    }
                    failing = e != null;
                });
            }

            @Override
            public void close() {
                producer.close(Duration.ofSeconds(1));
            }
        };
    }
}
