package io.hazardwatch.alerts.kafka;

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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a topic that the service only watches (nothing is committed, no group): from the records of the last
 * {@code lookBack} on, on a thread of its own, handing every record to {@code handler} on that thread. Waits for the
 * broker and the topic with one log line per new problem; a handler that throws loses that record only.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final String bootstrap;
    private final String topic;
    private final Duration lookBack;
    private final Clock clock;
    private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopping;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public TopicTail(String bootstrap, String topic, Duration lookBack, Clock clock,
                     Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.lookBack = lookBack;
        this.clock = clock;
        this.handler = handler;
    }

    public synchronized TopicTail start(String threadName) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
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
            if (assign()) {
                while (!stopping) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        deliver(record);
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer: a normal end
        } catch (RuntimeException e) {
            LOG.error("stopped following {}: {}", topic, e.toString());
        } finally {
            consumer.close(CloseOptions.timeout(BROKER_TIMEOUT));
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

    /** Assigns every partition at the first record of the look-back window; false if stopped while waiting. */
    private boolean assign() {
        String lastProblem = null;
        while (!stopping) {
            String problem;
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, BROKER_TIMEOUT);
                if (infos != null && !infos.isEmpty()) {
                    List<TopicPartition> partitions = infos.stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                    consumer.assign(partitions);
                    long from = clock.millis() - lookBack.toMillis();
                    Map<TopicPartition, Long> times = new HashMap<>();
                    partitions.forEach(p -> times.put(p, from));
                    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, BROKER_TIMEOUT);
                    consumer.seekToEnd(partitions);
                    offsets.forEach((partition, offset) -> {
                        if (offset != null) {
                            consumer.seek(partition, offset.offset());
                        }
                    });
                    LOG.info("following {} from {} ago: {} partitions", topic, lookBack, partitions.size());
                    return true;
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
                return false;
            }
        }
        return false;
    }
}
