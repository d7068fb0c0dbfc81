package io.hazardwatch.alerts.ha;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who is active: every instance joins one consumer group on the one-partition leader topic, and the member
 * the group assigns that partition to is the active one. A member that dies (kill -9) is dropped by the group
 * coordinator after the session timeout and the partition moves to the standby; one that stops cleanly leaves the
 * group at once. The cooperative sticky assignor keeps the partition where it is when a member joins, so a restarted
 * instance becomes the standby instead of taking the role back. Runs on a thread of its own; the listener is
 * called from it and must not block.
 */
public final class Leadership implements AutoCloseable {

    /** Told each change of this instance's leadership. */
    public interface Listener {
        void elected();

        void deposed(String why);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final HaConfig config;
    private final KafkaClientAuth auth;
    private final String bootstrap;
    private final Listener listener;
    private final TopicPartition partition;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean resignRequested;
    /** Only touched by the leadership thread. */
    private boolean leader;

    public Leadership(HaConfig config, String bootstrap, KafkaClientAuth auth, Listener listener) {
        this.config = config;
        this.bootstrap = bootstrap;
        this.auth = auth;
        this.listener = listener;
        this.partition = new TopicPartition(config.leaderTopic(), 0);
        this.thread = new Thread(this::run, "alert-leadership");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Gives the role up (e.g. this instance was fenced off the store): the group hands it to another member. */
    public void resign() {
        resignRequested = true;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            warnIfNoLeaderTopic(consumer);
            consumer.subscribe(List.of(config.leaderTopic()), new Rebalance());
            while (running) {
                try {
                    consumer.poll(POLL);
                    String lost = lostContact(consumer);
                    if (resignRequested || lost != null) {
                        step(false, resignRequested ? "resigned" : lost);
                        resignRequested = false;
                        // leaving and joining again hands the partition to another member, if there is one
                        consumer.unsubscribe();
                        consumer.subscribe(List.of(config.leaderTopic()), new Rebalance());
                    }
                } catch (WakeupException e) {
                    // close() wakes the poll up: the loop ends
                } catch (KafkaException e) {
                    step(false, "leader group error: " + e);
                    LOG.warn("leadership: {}; trying again", e.toString());
                    pause();
                }
            }
            step(false, "stopping");
            // a clean close leaves the group at once: the standby takes over without waiting for the session timeout
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.error("leadership stopped: {}", e.toString());
            step(false, "leadership stopped: " + e);
        }
    }

    /**
     * Null while the group can still vouch for this member; else why not: an active that has not heart-beaten the
     * coordinator for a session timeout may already have been replaced, so it must not go on as active.
     */
    private String lostContact(KafkaConsumer<byte[], byte[]> consumer) {
        if (!leader) {
            return null;
        }
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            if (metric.getKey().name().equals("last-heartbeat-seconds-ago")
                    && metric.getValue().metricValue() instanceof Number seconds
                    && seconds.doubleValue() * 1000 > config.sessionTimeout().toMillis()) {
                return "no heartbeat to the group coordinator for " + seconds.longValue() + " s";
            }
        }
        return null;
    }

    private void warnIfNoLeaderTopic(KafkaConsumer<byte[], byte[]> consumer) {
        try {
            if (consumer.partitionsFor(config.leaderTopic(), Duration.ofSeconds(10)).isEmpty()) {
                LOG.warn("leader topic {} does not exist: no instance can become active until it is created"
                        + " (bin/hw topics create)", config.leaderTopic());
            }
        } catch (KafkaException e) {
            LOG.warn("cannot look up the leader topic {} yet: {}", config.leaderTopic(), e.toString());
        }
    }

    private void step(boolean nowLeader, String why) {
        if (nowLeader == leader) {
            return;
        }
        leader = nowLeader;
        if (nowLeader) {
            listener.elected();
        } else {
            listener.deposed(why);
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        auth.addTo(props);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "alert-leadership-" + config.instanceId());
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(300, config.sessionTimeout().toMillis() / 6));
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return props;
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops competing; an active instance is deposed first (its listener told), then the group is left. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.contains(partition)) {
                step(true, null);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.contains(partition)) {
                step(false, "the group gave the leader partition to another member");
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.contains(partition)) {
                step(false, "this member dropped out of the group (session expired)");
            }
        }
    }
}
