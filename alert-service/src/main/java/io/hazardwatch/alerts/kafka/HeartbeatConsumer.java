package io.hazardwatch.alerts.kafka;

import io.hazardwatch.alerts.watchdog.HeartbeatSource;
import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the heartbeats topic from its end (only fresh heartbeats matter) on its own thread and hands each
 * heartbeat to the Vert.x context. Also the watchdog's probe of the broker: every {@value #PROBE_MS} ms it asks
 * for the topic's end offsets (a round trip to the partition leaders, which a consumer's poll does not report
 * when it fails), and says so when the broker answered. No consumer group, nothing committed.
 */
public final class HeartbeatConsumer implements HeartbeatSource {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);
    private static final long PROBE_MS = 3000;
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration JOIN = Duration.ofSeconds(10);

    private final String bootstrap;
    private final String topic;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopping;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private Context context;
    private Observer observer;

    public HeartbeatConsumer(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @Override
    public synchronized Future<Void> start(Context context, Observer observer) {
        if (thread != null) {
            return Future.failedFuture(new IllegalStateException("heartbeat consumer already started"));
        }
        try {
            consumer = new KafkaConsumer<>(config(), new StringDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            return Future.failedFuture(e);
        }
        this.context = context;
        this.observer = observer;
        thread = new Thread(this::run, "heartbeat-consumer");
        thread.setDaemon(true);
        thread.start();
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
        Thread running;
        synchronized (this) {
            running = thread;
            if (running == null || stopping) {
                return Future.succeededFuture();
            }
            stopping = true;
        }
        stopSignal.countDown();
        consumer.wakeup();
        // unordered: not queued behind the alarm consumer's own stop on the same context
        return context.executeBlocking(() -> {
            running.join(JOIN.toMillis());
            return null;
        }, false).mapEmpty();
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hazardwatch-alert-service-watchdog");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = assign();
            if (partitions != null) {
                follow(partitions);
            }
        } catch (WakeupException e) {
            // stop() woke the consumer: a normal end
        } catch (RuntimeException e) {
            LOG.error("heartbeat consumer gave up on topic {}: {}", topic, e.toString());
        } finally {
            // nothing to commit and no group to leave: no reason to wait for a broker that may be away
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            LOG.info("heartbeat consumer stopped");
        }
    }

    /** Assigns every partition at its end; waits for the broker and the topic. Null if stopped. */
    private List<TopicPartition> assign() {
        String lastProblem = null;
        while (!stopping) {
            String problem;
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, BROKER_TIMEOUT);
                answered();
                if (infos != null && !infos.isEmpty()) {
                    List<TopicPartition> partitions = infos.stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    LOG.info("watching heartbeats on {} ({} partitions) from now on", topic, partitions.size());
                    return partitions;
                }
                problem = "topic " + topic + " does not exist yet";
            } catch (RetriableException e) {
                problem = "Kafka at " + bootstrap + " does not answer (" + e.getMessage() + ")";
            }
            if (!problem.equals(lastProblem)) {
                LOG.warn("heartbeat consumer waiting: {}; retrying every {} s", problem, RETRY.toSeconds());
                lastProblem = problem;
            }
            pause(RETRY);
        }
        return null;
    }

    private void follow(List<TopicPartition> partitions) {
        long nextProbe = 0;
        boolean reachable = true;
        while (!stopping) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<String, byte[]> record : records) {
                deliver(record);
            }
            if (!records.isEmpty()) {
                answered();
            }
            if (System.currentTimeMillis() >= nextProbe) {
                try {
                    consumer.endOffsets(partitions, BROKER_TIMEOUT);
                    answered();
                    if (!reachable) {
                        LOG.info("watchdog reaches Kafka at {} again", bootstrap);
                    }
                    reachable = true;
                } catch (RetriableException e) {
                    if (reachable) {
                        LOG.warn("watchdog cannot reach Kafka at {}: {}", bootstrap, e.getMessage());
                    }
                    reachable = false;
                }
                nextProbe = System.currentTimeMillis() + PROBE_MS;
            }
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        Heartbeat heartbeat;
        try {
            heartbeat = Json.MAPPER.readValue(record.value(), Heartbeat.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipped heartbeat record {}-{} offset {}: not a heartbeat ({})", record.topic(),
                    record.partition(), record.offset(), e.getMessage() == null ? e.toString()
                            : e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        context.runOnContext(v -> observer.heartbeat(heartbeat));
    }

    private void answered() {
        context.runOnContext(v -> observer.brokerAnswered());
    }

    private void pause(Duration duration) {
        try {
            stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
