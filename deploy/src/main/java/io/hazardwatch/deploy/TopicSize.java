package io.hazardwatch.deploy;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints how many records a topic has taken in all (the sum of its partitions' end offsets). Benchmarks
 * read it before and after a run to check that every acknowledged reading really is in Kafka.
 */
public final class TopicSize {

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: TopicSize <bootstrap servers> <topic>");
            System.exit(2);
        }
        Properties props = KafkaClientAuth.fromEnvironment().addTo(new Properties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(args[1]).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            System.out.println(consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum());
        }
    }
}
