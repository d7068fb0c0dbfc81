package io.hazardwatch.alerts.ha;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who is active: every instance joins one consumer group on the one-partition leader topic, and the member
 * the group assigns that partition to is the active one. A member that dies (kill -9) is dropped by the group
 * coordinator after the session timeout and the partition moves to the standby; one that stops cleanly leaves the
 * group at once. The cooperative sticky assignor keeps the partition where it is when a member joins, so a restarted
 * instance becomes the standby instead of taking the role back.
 *
 * <p>The session timeout is long (20 s by default): longer than Kafka takes to move a dead broker's partitions and
 * group coordinators elsewhere (about 6–10 s), so that a broker's death does not end the active's term. A killed
 * active is replaced much sooner: the members are static ({@code group.instance.id} = the instance id) and every
 * member writes a heartbeat record to the leader topic every {@value #BEAT_MS} ms, the active's saying so; a standby
 * that has read its own heartbeats back without a gap for the last {@value #SILENT_LIMIT_MS} ms, and none of the
 * active's, asks the coordinator
 * to drop that member (the admin client's removeMembersFromConsumerGroup), and the partition moves at once. A standby
 * that does not read its own heartbeats back either is looking at a Kafka that stalls, not at a dead active, and
 * drops nobody (that had failed the active over needlessly whenever the leader topic's broker died). Dropping a live
 * but stalled active is safe: it loses the partition (and is fenced off the incident store by the new active's
 * initTransactions) and joins again as standby.
 *
 * <p>Runs on a thread of its own; the listener is called from it and must not block.
 */
public final class Leadership implements AutoCloseable {

    /** Told each change of this instance's leadership. */
    public interface Listener {
        void elected();

        void deposed(String why);

        /**
         * This standby had the silent active {@code active} dropped from the group: the group hands the role on within
         * a second or two, most likely to this standby, which may get ready meanwhile (it is not elected yet).
         */
        default void dropped(String active) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
    private static final Duration POLL = Duration.ofMillis(100);
    static final long BEAT_MS = 500;
    /** How long a standby reads its own heartbeats without one of the active's before it has the active dropped. */
    static final long SILENT_LIMIT_MS = 4 * BEAT_MS;
    /** The value of a standby's heartbeat (an active's is the time it was written, in epoch ms). */
    static final String STANDBY_BEAT = "standby";
    /** How many of the leader topic's last records a member reads when it starts (a few seconds of heartbeats). */
    static final int RECENT_BEATS = 20;
    /**
     * A pause between a standby's own heartbeats coming back longer than this (4 beats) breaks their streak: a busy
     * machine delays them by a second or so, a broker that died with the partition stops them for 6 s or more.
     */
    static final long OWN_GAP_MS = 4 * BEAT_MS;

    private final HaConfig config;
    private final KafkaClientAuth auth;
    private final String bootstrap;
    private final Listener listener;
    private final TopicPartition partition;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean resignRequested;
    // only touched by the leadership thread
    private boolean leader;
    private long lastBeatSent;
    /** The active whose heartbeats a standby reads, and when (nanoTime) it read the last one. */
    private String activeSeen;
    private long activeSeenAt;
    /**
     * When (nanoTime) a standby last read one of its own heartbeats back, and since when it has read them without a
     * gap: proof that the leader topic carries heartbeats.
     */
    private long ownSeenAt;
    private long ownStreakSince;

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
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaConsumer<String, String> beats = new KafkaConsumer<>(beatReaderConfig(), new StringDeserializer(),
                     new StringDeserializer());
             KafkaProducer<String, String> beat = new KafkaProducer<>(beatWriterConfig(), new StringSerializer(),
                     new StringSerializer());
             Admin admin = Admin.create(clientConfig())) {
            warnIfNoLeaderTopic(consumer);
            beats.assign(List.of(partition));
            readRecentBeats(beats);
            consumer.subscribe(List.of(config.leaderTopic()), new Rebalance());
            while (running) {
                try {
                    consumer.poll(POLL);
                    String lost = lostContact(consumer);
                    if (resignRequested || lost != null) {
                        step(false, resignRequested ? "resigned" : lost);
                        resignRequested = false;
                        // a static member does not leave by unsubscribing: the coordinator drops it, and it joins
                        // again as a new member; the partition goes to another member, if there is one
                        consumer.unsubscribe();
                        drop(admin, config.instanceId());
                        consumer.subscribe(List.of(config.leaderTopic()), new Rebalance());
                    }
                    sendBeat(beat);
                    if (!leader) {
                        watchActive(beats, admin);
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
            // a clean close leaves the group at once (static members too, when told): the standby takes over
            // without waiting for the session timeout
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.error("leadership stopped: {}", e.toString());
            step(false, "leadership stopped: " + e);
        }
    }

    /**
     * Starts reading the heartbeats a little before their end: a standby must know which member is the active even
     * when that one died before this standby read its first heartbeat (started just then, or slow to start on a busy
     * machine). From the end only, it never learnt the active's name and waited for the group's session timeout
     * (21 s instead of ~4 in a CI run). What it reads from before its start counts as seen now.
     */
    private void readRecentBeats(KafkaConsumer<String, String> beats) {
        try {
            long end = beats.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition);
            long begin = beats.beginningOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition);
            beats.seek(partition, Math.max(begin, end - RECENT_BEATS));
        } catch (KafkaException e) {
            LOG.warn("leader topic {}: cannot find its recent heartbeats ({}); reading from its end",
                    config.leaderTopic(), e.toString());
            beats.seekToEnd(List.of(partition));
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

    private void sendBeat(KafkaProducer<String, String> beat) {
        long now = System.nanoTime();
        if (now - lastBeatSent >= BEAT_MS * 1_000_000) {
            lastBeatSent = now;
            beat.send(new ProducerRecord<>(config.leaderTopic(), 0, config.instanceId(),
                    leader ? Long.toString(System.currentTimeMillis()) : STANDBY_BEAT));
        }
    }

    /**
     * A standby: reads the leader topic's heartbeats; an active silent while this standby's own heartbeats kept
     * coming back for {@link #SILENT_LIMIT_MS} is dropped from the group.
     */
    private void watchActive(KafkaConsumer<String, String> beats, Admin admin) {
        for (ConsumerRecord<String, String> record : beats.poll(POLL)) {
            if (record.key() == null) {
                continue;
            }
            if (record.key().equals(config.instanceId())) {
                long now = System.nanoTime();
                if (now - ownSeenAt > OWN_GAP_MS * 1_000_000) {
                    ownStreakSince = now;
                }
                ownSeenAt = now;
            } else if (!STANDBY_BEAT.equals(record.value())) {
                activeSeen = record.key();
                activeSeenAt = System.nanoTime();
            }
        }
        if (activeSeen != null && activeSilent(activeSeenAt, ownStreakSince, ownSeenAt, System.nanoTime())) {
            LOG.warn("active alert service {} silent for {} ms while this standby's own heartbeats came through:"
                    + " asking the leader group to drop it", activeSeen, (System.nanoTime() - activeSeenAt) / 1_000_000);
            String silent = activeSeen;
            activeSeen = null;
            if (drop(admin, silent)) {
                listener.dropped(silent);
            }
        }
    }

    /**
     * Whether the active counts as dead (all nanoTimes): nothing of it for the last {@link #SILENT_LIMIT_MS}, while
     * the standby's own heartbeats came back without a gap all that time and still do. When Kafka moves a dead
     * broker's partition both kinds of heartbeat resume together, so a streak that began only now says nothing yet.
     *
     * @param ownStreakSince since when the standby's own heartbeats have come back without a gap of {@link #OWN_GAP_MS}
     */
    static boolean activeSilent(long activeSeenAt, long ownStreakSince, long ownSeenAt, long now) {
        long limit = SILENT_LIMIT_MS * 1_000_000;
        return now - activeSeenAt > limit && now - ownStreakSince > limit && now - ownSeenAt <= OWN_GAP_MS * 1_000_000;
    }

    /**
     * Asks the group coordinator to remove the static member {@code instanceId} (gone already: nothing to do); true if
     * the coordinator removed it.
     */
    private boolean drop(Admin admin, String instanceId) {
        try {
            admin.removeMembersFromConsumerGroup(config.group(), new RemoveMembersFromConsumerGroupOptions(
                    List.of(new MemberToRemove(instanceId)))).all().get(5, java.util.concurrent.TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.info("leader group: member {} not removed ({})", instanceId, e.getCause() == null ? e : e.getCause());
        }
        return false;
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
        activeSeen = null; // heartbeats read before this change say nothing about the active after it
        if (nowLeader) {
            listener.elected();
        } else {
            listener.deposed(why);
        }
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        auth.addTo(props);
        return props;
    }

    private Map<String, Object> beatReaderConfig() {
        Map<String, Object> props = clientConfig();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    private Map<String, Object> beatWriterConfig() {
        Map<String, Object> props = clientConfig();
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_500);
        return props;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = clientConfig();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "alert-leadership-" + config.instanceId());
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        // a removed or rebalanced member hears of it at its next heartbeat: the standby learns that the dropped active's
        // partition is to be handed on within 300 ms, whatever the session timeout (a takeover waited up to a second)
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.min(300, config.sessionTimeout().toMillis() / 3));
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
