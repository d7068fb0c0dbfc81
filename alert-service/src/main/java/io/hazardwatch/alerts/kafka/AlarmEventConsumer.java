package io.hazardwatch.alerts.kafka;

import io.hazardwatch.alerts.AlarmRecord;
import io.hazardwatch.alerts.AlarmSource;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
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
 * Reads the alarms topic on its own thread (a KafkaConsumer must only be used from one thread) and hands
 * each record to the Vert.x context.
 *
 * <p>No consumer group and no committed offsets: the service stores the position after each applied record
 * in the same transaction as the incident state it produced, and starts this consumer there. So a record is
 * applied exactly once in effect, whatever the crash or redelivery.
 */
public final class AlarmEventConsumer implements AlarmSource {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmEventConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(10);
    private static final Duration JOIN = Duration.ofSeconds(10);

    private final String bootstrap;
    private final KafkaClientAuth auth;
    private final String topic;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile State state = State.STARTING;
    private volatile boolean stopping;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private Context context;
    private boolean caughtUp;

    public AlarmEventConsumer(String bootstrap, String topic, KafkaClientAuth auth) {
        this.bootstrap = bootstrap;
        this.auth = auth;
        this.topic = topic;
    }

    @Override
    public synchronized Future<Void> start(Context context, Map<Integer, Long> from, Handler<AlarmRecord> handler) {
        if (thread != null) {
            return Future.failedFuture(new IllegalStateException("alarm consumer already started"));
        }
        try {
            consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            state = State.FAILED;
            return Future.failedFuture(e);
        }
        this.context = context;
        thread = new Thread(() -> run(Map.copyOf(from), handler), "alarm-consumer");
        thread.setDaemon(true);
        thread.start();
        return Future.succeededFuture();
    }

    @Override
    public State state() {
        return state;
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
        return context.executeBlocking(() -> {
            running.join(JOIN.toMillis());
            if (running.isAlive()) {
                LOG.warn("alarm consumer did not stop within {} s", JOIN.toSeconds());
            }
            return null;
        }).mapEmpty();
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        auth.addTo(config);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hazardwatch-alert-service");
        // No group: partitions are assigned by hand and nothing is committed (see class comment).
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The topic belongs to the deployment (partitions, retention); never create it with broker defaults.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Never show an alarm from a producer transaction that was aborted.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private void run(Map<Integer, Long> from, Handler<AlarmRecord> handler) {
        try {
            Map<TopicPartition, Long> replayEnd = assign(from);
            if (replayEnd != null) {
                follow(handler, replayEnd);
            }
        } catch (WakeupException e) {
            // stop() woke the consumer: a normal end
        } catch (RuntimeException e) {
            state = State.FAILED;
            LOG.error("alarm consumer gave up on topic {}: {}", topic, e.toString());
        } finally {
            consumer.close(CloseOptions.timeout(BROKER_TIMEOUT));
            if (state != State.FAILED) {
                state = State.STOPPED;
            }
            LOG.info("alarm consumer stopped");
        }
    }

    /** Assigns every partition of the topic at its stored position; waits for the broker and the topic. Null if stopped. */
    private Map<TopicPartition, Long> assign(Map<Integer, Long> from) {
        String lastProblem = null;
        while (!stopping) {
            String problem;
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, BROKER_TIMEOUT);
                if (infos != null && !infos.isEmpty()) {
                    List<TopicPartition> partitions = infos.stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    for (TopicPartition partition : partitions) {
                        Long next = from.get(partition.partition());
                        if (next != null) {
                            consumer.seek(partition, next);
                        }
                    }
                    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, BROKER_TIMEOUT);
                    LOG.info("reading alarms topic {} from the stored position {}: {} partitions, end {}",
                            topic, from, partitions.size(), end);
                    return end;
                }
                problem = "topic " + topic + " does not exist yet";
            } catch (RetriableException e) {
                problem = "Kafka at " + bootstrap + " does not answer (" + e.getMessage() + ")";
            }
            if (!problem.equals(lastProblem)) {
                LOG.warn("alarm consumer waiting: {}; retrying every {} s", problem, RETRY.toSeconds());
                lastProblem = problem;
            }
            pause(RETRY);
        }
        return null;
    }

    private void follow(Handler<AlarmRecord> handler, Map<TopicPartition, Long> replayEnd) {
        long replayed = 0;
        boolean connected = true;
        long nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
        caughtUp = false;
        updateState(true);
        while (!stopping) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<String, byte[]> record : records) {
                deliver(record, handler);
            }
            try {
                if (!caughtUp) {
                    replayed += records.count();
                    caughtUp = reached(replayEnd);
                    if (caughtUp) {
                        LOG.info("caught up with {} alarm records on {}; following live alarms", replayed, topic);
                        updateState(connected);
                    }
                }
                if (System.nanoTime() - nextProbe >= 0) {
                    consumer.endOffsets(replayEnd.keySet(), BROKER_TIMEOUT);
                    nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
                    if (!connected) {
                        LOG.info("alarm consumer reconnected to Kafka at {}", bootstrap);
                    }
                    connected = true;
                    updateState(true);
                }
            } catch (RetriableException e) {
                if (connected) {
                    LOG.warn("alarm consumer lost Kafka at {} ({}): new alarms may be missing from the board",
                            bootstrap, e.getMessage());
                }
                connected = false;
                updateState(false);
                nextProbe = System.nanoTime();
            }
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record, Handler<AlarmRecord> handler) {
        AlarmEvent event;
        try {
            event = AlarmEventDecoder.decode(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("skipped alarm record {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            event = null;
        }
        AlarmRecord delivered = new AlarmRecord(record.partition(), record.offset(), event);
        context.runOnContext(v -> handler.handle(delivered));
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), BROKER_TIMEOUT) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void updateState(boolean connected) {
        if (!stopping) {
            state = !connected ? State.DISCONNECTED : caughtUp ? State.LIVE : State.REPLAYING;
        }
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
