package io.hazardwatch.simulator.replay;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A Kafka consumer assigned every partition of one topic, without a consumer group: the simulator's tools read a
 * topic and commit nothing, so they disturb no one.
 */
public final class WholeTopic {

    private WholeTopic() {
    }

    /**
     * @param purpose names the client ({@code device-simulator-<purpose>-<uuid>}) in the broker's logs
     * @throws IllegalStateException when the topic does not exist
     */
    public static KafkaConsumer<byte[], byte[]> open(String bootstrap, String topic, String purpose) {
        // a command-line tool: its Kafka principal is the client properties file HW_KAFKA_CLIENT_PROPERTIES names
        Properties p = KafkaClientAuth.fromEnvironment().addTo(new Properties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "device-simulator-" + purpose + "-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Kafka topic " + topic + " does not exist at " + bootstrap);
            }
            consumer.assign(partitions);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }
}
