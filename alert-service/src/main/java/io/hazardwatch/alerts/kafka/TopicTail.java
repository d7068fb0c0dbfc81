package io.hazardwatch.alerts.kafka;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a topic that the service only watches (nothing is committed, no group): from the records of the last
 * {@code lookBack} on (zero: only new ones), on a thread of its own, handing every record to {@code handler} on that
 * thread. Waits for the broker and the topic with one log line per new problem; a handler that throws loses that
 * record only. With an {@code answered} callback it also probes the broker every {@value #PROBE_MS} ms (the topic's
 * end offsets: a round trip to the partition leaders, which a failing poll does not report) and calls it whenever
 * the broker answered.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final long PROBE_MS = 3000;

    private final String bootstrap;
    private final KafkaClientAuth auth;
    private final String topic;
    private final Duration lookBack;
    private final Clock clock;
    private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final Runnable answered;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopping;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    /** @param answered called (on this tail's thread) whenever the broker answered; null: no probing */
    public TopicTail(String bootstrap, KafkaClientAuth auth, String topic, Duration lookBack, Clock clock,
                     Consumer<ConsumerRecord<byte[], byte[]>> handler, Runnable answered) {
        this.answered = answered;
        this.bootstrap = bootstrap;
        this.auth = auth;
        this.topic = topic;
        this.lookBack = lookBack;
        this.clock = clock;
        this.handler = handler;
    }

    /** Starts the thread; throws {@link org.apache.kafka.common.KafkaException} if no consumer can be made. */
    public synchronized TopicTail start(String threadName) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        auth.addTo(config);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hazardwatch-alert-service-" + threadName);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = thread;
            if (running == null || stopping) {
                return;
            }
            stopping = true;
        }
        stopSignal.countDown();
        consumer.wakeup();
        try {
            running.join(BROKER_TIMEOUT.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = assign();
            if (partitions != null) {
                follow(partitions);
            }
        } catch (WakeupException e) {
            // close() woke the consumer: a normal end
        } catch (RuntimeException e) {
            LOG.error("stopped following {}: {}", topic, e.toString());
        } finally {
            // nothing to commit and no group to leave: no reason to wait for a broker that may be away
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    private void follow(List<TopicPartition> partitions) {
        long nextProbe = 0;
        boolean reachable = true;
        while (!stopping) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                deliver(record);
            }
            if (answered == null) {
                continue;
            }
            if (!records.isEmpty()) {
                answered.run();
            }
            if (System.currentTimeMillis() >= nextProbe) {
                try {
                    consumer.endOffsets(partitions, BROKER_TIMEOUT);
                    answered.run();
                    if (!reachable) {
                        LOG.info("reaching Kafka at {} again ({})", bootstrap, topic);
                    }
                    reachable = true;
                } catch (RetriableException e) {
                    if (reachable) {
                        LOG.warn("cannot reach Kafka at {} ({}): {}", bootstrap, topic, e.getMessage());
                    }
                    reachable = false;
                }
                nextProbe = System.currentTimeMillis() + PROBE_MS;
            }
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record) {
        try {
            handler.accept(record);
        } catch (RuntimeException e) {
            LOG.warn("skipped record {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
        }
    }

    /** Assigns every partition at the first record of the look-back window; null if stopped while waiting. */
    private List<TopicPartition> assign() {
        String lastProblem = null;
        while (!stopping) {
            String problem;
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, BROKER_TIMEOUT);
                if (answered != null) {
                    answered.run();
                }
                if (infos != null && !infos.isEmpty()) {
                    List<TopicPartition> partitions = infos.stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    if (!lookBack.isZero()) {
                        long from = clock.millis() - lookBack.toMillis();
                        Map<TopicPartition, Long> times = new HashMap<>();
                        partitions.forEach(p -> times.put(p, from));
                        consumer.offsetsForTimes(times, BROKER_TIMEOUT).forEach((partition, offset) -> {
                            if (offset != null) {
                                consumer.seek(partition, offset.offset());
                            }
                        });
                    }
                    LOG.info("following {} ({} partitions) from {}", topic, partitions.size(),
                            lookBack.isZero() ? "now on" : lookBack + " ago");
                    return partitions;
                }
                problem = "topic " + topic + " does not exist yet";
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                problem = "Kafka at " + bootstrap + " does not answer (" + e.getMessage() + ")";
            }
            if (!problem.equals(lastProblem)) {
                LOG.warn("waiting to follow {}: {}; retrying every {} s", topic, problem, RETRY.toSeconds());
                lastProblem = problem;
            }
            try {
                stopSignal.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
