package io.hazardwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.ingest.kafka.KafkaReadingSender;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster layout's Kafka (deploy/cluster/kafka.sh: 3 KRaft nodes, topics from deploy/cluster/topics.properties at
 * replication factor 3, min.insync.replicas 2) loses no acknowledged reading when the leader of a readings partition
 * is killed with kill -9 mid-stream: the gateway's producer (acks=all, idempotence) goes on once another replica
 * leads, the consumer reads every acknowledged record, a surviving node's Prometheus metrics show the under-replicated
 * partitions, and the node started again on its data rejoins the ISR.
 */
@Timeout(240) // 58-71 s on a quiet machine, 95-128 s while other builds load its 2 cores
class KafkaClusterIT {

    private static final String BOOTSTRAP = "127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094";
    private static final int RECORDS_PER_SECOND = 400;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(5);
    private static final Duration AFTER_KILL = Duration.ofSeconds(12);
    /** The bound on recovering from one broker's death. */
    private static final Duration OUTAGE_BOUND = Duration.ofSeconds(30);

    @Test
    void killingAPartitionLeaderMidStreamLosesNoAcknowledgedRecordAndTheNodeRejoinsTheIsr() throws Exception {
        Path state = Path.of("target", "kafka-cluster-it", Long.toString(System.currentTimeMillis())).toAbsolutePath();
        KafkaClusterScript kafka = new KafkaClusterScript(state);
        try {
            long upStarted = System.nanoTime();
            String up = kafka.run(120, "up");
            double upSeconds = seconds(System.nanoTime() - upStarted);
            assertThat(up).contains("Kafka cluster ready").contains("created topic " + Topics.READINGS + " (4 partitions, 3 replicas");

            try (Admin admin = Admin.create(client(kafka.clientFile("admin")));
                 KafkaProducer<String, byte[]> producer = gatewayProducer(kafka.clientFile("ingest"));
                 Reader reader = new Reader(client(kafka.clientFile("admin")))) {
                reader.start();
                Stream stream = new Stream(producer);
                stream.runFor(BEFORE_KILL);

                int victim = leaderOf(admin, 0);
                Set<Integer> victimPartitions = describe(admin).partitions().stream()
                        .filter(p -> p.leader() != null && p.leader().id() == victim)
                        .map(TopicPartitionInfo::partition).collect(Collectors.toSet());
                long killedAt = System.nanoTime();
                kafka.run(30, "kill", Integer.toString(victim));
                stream.runFor(AFTER_KILL);
                producer.flush();
                double outage = seconds(stream.longestAckGap(victimPartitions, killedAt));
                int survivor = victim % 3 + 1;
                double underReplicated = underReplicatedPartitions(survivor);

                long started = System.nanoTime();
                kafka.run(90, "start", Integer.toString(victim));
                double rejoin = awaitInIsr(admin, victim, Duration.ofSeconds(45));
                double startSeconds = seconds(System.nanoTime() - started);

                Map<Long, Integer> consumed = reader.awaitAll(stream.acked, Duration.ofSeconds(30));
                Set<Long> lost = stream.acked.stream().filter(seq -> !consumed.containsKey(seq)).collect(Collectors.toSet());
                long duplicates = consumed.values().stream().mapToLong(n -> n - 1).sum();
                System.out.printf("KafkaClusterIT: up %.1f s; killed node %d (leader of partitions %s); longest pause of "
                                + "acks on them %.1f s; node %d saw %.0f under-replicated partitions; %d sent, %d acknowledged, %d failed, %d lost, %d duplicates; "
                                + "node back in every ISR %.1f s after start (start took %.1f s)%n", upSeconds, victim,
                        victimPartitions, outage, survivor, underReplicated, stream.sent.get(), stream.acked.size(), stream.failed.get(),
                        lost.size(), duplicates, rejoin, startSeconds);

                assertThat(stream.acked).hasSizeGreaterThan(RECORDS_PER_SECOND * 10);
                assertThat(lost).as("acknowledged records never consumed").isEmpty();
                assertThat(stream.ackedAfter(victimPartitions, killedAt + TimeUnit.SECONDS.toNanos(1)))
                        .as("records acknowledged on the dead leader's partitions after the kill").isPositive();
                assertThat(outage).as("seconds without an acknowledgement on the dead leader's partitions")
                        .isLessThanOrEqualTo(OUTAGE_BOUND.toSeconds());
                assertThat(underReplicated).as("node %d's Prometheus gauge of under-replicated partitions while node %d is down",
                        survivor, victim).isPositive();
            }
        } finally {
            kafka.down();
        }
    }

    /** Produces numbered records at a steady rate, keyed like readings, and keeps each acknowledgement's time. */
    private static final class Stream {
        final KafkaProducer<String, byte[]> producer;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Set<Long> acked = ConcurrentHashMap.newKeySet();
        /** partition and System.nanoTime() of each acknowledgement */
        final ConcurrentLinkedQueue<long[]> ackTimes = new ConcurrentLinkedQueue<>();

        Stream(KafkaProducer<String, byte[]> producer) {
            this.producer = producer;
        }

        void runFor(Duration duration) throws InterruptedException {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long first = sent.get();
            while (System.nanoTime() < end) {
                long seq = sent.getAndIncrement();
                producer.send(new ProducerRecord<>(Topics.READINGS, "sensor-" + seq % 64,
                        Long.toString(seq).getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    } else {
                        acked.add(seq);
                        ackTimes.add(new long[] {metadata.partition(), System.nanoTime()});
                    }
                });
                long due = start + (seq - first + 1) * TimeUnit.SECONDS.toNanos(1) / RECORDS_PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }

        /** The longest time between two acknowledgements on any of {@code partitions}, from just before {@code from}. */
        long longestAckGap(Set<Integer> partitions, long from) {
            long longest = 0;
            for (int partition : partitions) {
                List<Long> times = ackTimes.stream().filter(t -> t[0] == partition).map(t -> t[1])
                        .filter(t -> t >= from - TimeUnit.SECONDS.toNanos(1)).sorted().toList();
                long previous = from;
                for (long t : times) {
                    longest = Math.max(longest, t - previous);
                    previous = Math.max(previous, t);
                }
            }
            return longest;
        }

        long ackedAfter(Set<Integer> partitions, long from) {
            return ackTimes.stream().filter(t -> partitions.contains((int) t[0]) && t[1] > from).count();
        }
    }

    /** Reads the readings topic from the beginning on its own thread, counting each record's number. */
    private static final class Reader implements AutoCloseable {
        final KafkaConsumer<String, String> consumer;
        final Map<Long, Integer> seen = new ConcurrentHashMap<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread = new Thread(this::run, "kafka-cluster-it-reader");

        Reader(Properties props) {
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        }

        void start() {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.READINGS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            thread.start();
        }

        private void run() {
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.merge(Long.parseLong(record.value()), 1, Integer::sum);
                }
            }
        }

        Map<Long, Integer> awaitAll(Set<Long> wanted, Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            while (!seen.keySet().containsAll(wanted) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            return Map.copyOf(seen);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The gateway's readings producer, configured by its own code from its default config. */
    private static KafkaProducer<String, byte[]> gatewayProducer(Path clientFile) {
        IngestConfig config = IngestConfig.from(Settings.of(Map.of(
                "registry.file", Path.of("config/registry.yaml").toAbsolutePath().toString())));
        Properties props = KafkaReadingSender.producerConfig(BOOTSTRAP, config.kafkaDeliveryTimeout(),
                config.kafkaCompression(), config.kafkaLingerMs(), KafkaClientAuth.load(clientFile, "ingest client file"));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static Properties client(Path clientFile) {
        Properties props = KafkaClientAuth.load(clientFile, "admin client file").addTo(new Properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        return props;
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(Topics.READINGS)).allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.READINGS);
    }

    private static int leaderOf(Admin admin, int partition) throws Exception {
        return describe(admin).partitions().get(partition).leader().id();
    }

    /** Seconds until {@code node} is in the ISR of every readings partition again; fails after {@code bound}. */
    private static double awaitInIsr(Admin admin, int node, Duration bound) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < bound.toNanos()) {
            boolean everywhere = describe(admin).partitions().stream()
                    .allMatch(p -> p.isr().stream().anyMatch(n -> n.id() == node));
            if (everywhere) {
                return seconds(System.nanoTime() - start);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("node " + node + " not back in every ISR of " + Topics.READINGS + " within " + bound);
    }

    /** Node {@code node}'s UnderReplicatedPartitions, as its JMX exporter shows it to Prometheus (port 29290 + node). */
    private static double underReplicatedPartitions(int node) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + (29290 + node) + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        String gauge = "kafka_server_replicamanager_value{name=\"UnderReplicatedPartitions\"} ";
        return metrics.body().lines().filter(line -> line.startsWith(gauge))
                .mapToDouble(line -> Double.parseDouble(line.substring(gauge.length()))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + gauge + "in node " + node + "'s metrics"));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
