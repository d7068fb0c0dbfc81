package io.hazardwatch.deploy;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints a topic's records since a time, one line each: {@code <record timestamp ms> <value as UTF-8>}, up to the
 * topic's end when called. Benchmarks read the stages' heartbeats with it (e.g. the detection job's lag after a
 * fault): {@code TopicDump <bootstrap servers> <topic> <since epoch ms>}.
 */
public final class TopicDump {

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: TopicDump <bootstrap servers> <topic> <since epoch ms>");
            System.exit(2);
        }
        Properties props = KafkaClientAuth.fromEnvironment().addTo(new Properties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long since = Long.parseLong(args[2]);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(args[1]).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, since));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(times);
            partitions.forEach(p -> consumer.seek(p, start.get(p) == null ? end.get(p) : start.get(p).offset()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition())) && r.value() != null) {
                        System.out.println(r.timestamp() + " " + new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }
}
