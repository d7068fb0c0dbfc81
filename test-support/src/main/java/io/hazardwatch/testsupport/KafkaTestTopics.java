package io.hazardwatch.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Fresh topics on the shared test broker, so tests never see each other's records, and a way to read
 * them back.
 */
public final class KafkaTestTopics {

    private KafkaTestTopics() {
    }

    /** Creates a topic named {@code prefix.<random>} with the given partitions and returns its name. */
    public static String create(String prefix, int partitions) {
        return create(prefix, partitions, Map.of());
    }

    /** As {@link #create(String, int)}, with topic configs of the test's own (e.g. min.insync.replicas). */
    public static String create(String prefix, int partitions, Map<String, String> configs) {
        String name = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
        Properties props = TestEnv.kafkaClientProperties();
        Map<String, String> all = new java.util.HashMap<>(configs);
        all.putIfAbsent("message.timestamp.type", "LogAppendTime");
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(all)))
                    .all().get(30, TimeUnit.SECONDS);
            return name;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + " on " + TestEnv.kafkaBootstrap(), e);
        }
    }

    /**
     * Reads {@code topic} from the beginning until {@code done} accepts what was read so far, or the timeout
     * passes; returns every record read (keys as strings, values as raw bytes).
     */
    public static List<ConsumerRecord<String, byte[]>> readUntil(
            String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        Properties props = TestEnv.kafkaClientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
