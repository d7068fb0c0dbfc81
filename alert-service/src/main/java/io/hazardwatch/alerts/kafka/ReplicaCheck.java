package io.hazardwatch.alerts.kafka;

import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Whether the topics the alert service lives on have every replica in sync. A Kafka cluster that lost a broker
 * still serves (replication 3, min.insync.replicas 2), so nothing else the watchdog observes changes — but one more
 * loss stops every write: the duty room must see it. Every {@link #EVERY} the topics are described and the shortage
 * (or null when there is none) is reported; a failed description reports nothing (the broker's silence is judged
 * elsewhere). With replication 1 (one machine) there is never a shortage.
 */
public final class ReplicaCheck implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(10);

    private final Admin admin;
    private final List<String> topics;
    private final Consumer<String> report;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "replica-check");
        thread.setDaemon(true);
        return thread;
    });

    private ReplicaCheck(String bootstrap, KafkaClientAuth auth, List<String> topics, Consumer<String> report) {
        Properties props = auth.addTo(new Properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "hazardwatch-alerts-replica-check");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        this.admin = Admin.create(props);
        this.topics = List.copyOf(topics);
        this.report = report;
    }

    /** Starts checking {@code topics} on a thread of its own; {@code report} is called from that thread. */
    public static ReplicaCheck start(String bootstrap, KafkaClientAuth auth, List<String> topics, Consumer<String> report) {
        ReplicaCheck check = new ReplicaCheck(bootstrap, auth, topics, report);
        check.timer.scheduleWithFixedDelay(check::check, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return check;
    }

    private void check() {
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(topics).allTopicNames().get(EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        report.accept(shortage(described));
    }

    /**
     * What is short, for people ("3 of 10 partitions of hazardwatch.alarms.v1, … have fewer replicas in sync than
     * they have (broker 2 out of sync): one more broker lost stops writes"), or null when every replica is in sync.
     */
    static String shortage(Map<String, TopicDescription> described) {
        int partitions = 0;
        List<String> shortTopics = new ArrayList<>();
        TreeSet<Integer> outOfSync = new TreeSet<>();
        int shortPartitions = 0;
        boolean leaderless = false;
        for (TopicDescription topic : described.values()) {
            boolean topicShort = false;
            for (TopicPartitionInfo p : topic.partitions()) {
                partitions++;
                if (p.leader() == null || p.leader().isEmpty()) {
                    leaderless = true;
                }
                if (p.isr().size() < p.replicas().size()) {
                    shortPartitions++;
                    topicShort = true;
                    for (Node replica : p.replicas()) {
                        if (!p.isr().contains(replica)) {
                            outOfSync.add(replica.id());
                        }
                    }
                }
            }
            if (topicShort) {
                shortTopics.add(topic.name());
            }
        }
        if (shortPartitions == 0) {
            return null;
        }
        return shortPartitions + " of " + partitions + " partitions of " + String.join(", ", shortTopics.stream().sorted().toList())
                + " have fewer replicas in sync than they have (broker " + String.join(", ",
                outOfSync.stream().map(String::valueOf).toList()) + " out of sync)"
                + (leaderless ? ", some without a leader" : "") + ": one more broker lost stops writes";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
