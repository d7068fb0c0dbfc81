package io.hazardwatch.deploy;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * Creates HazardWatch's topics when missing, with deliberate partitions, replication and retention rather than the
 * broker's auto-create defaults: {@code CreateTopics <bootstrap> [topics file]} (the file: {@link TopicLayout}; none:
 * the one-machine layout). Existing topics are left as they are; one whose partitions or replicas differ from the
 * layout is named in one line. On a broker with authentication (run as {@code admin}: {@code HW_KAFKA_CLIENT_PROPERTIES}
 * names its client file) it also grants each service principal its {@link ServiceAcls} (granting one again changes
 * nothing).
 */
public final class CreateTopics {

    /** 30 days: electronic records are kept at least 30 days (MEM Order No. 40). */
    private static final String THIRTY_DAYS_MS = Long.toString(TimeUnit.DAYS.toMillis(30));
    /** A cluster's brokers may still be registering when its script creates the topics. */
    private static final long BROKERS_WAIT_MS = TimeUnit.SECONDS.toMillis(60);

    private CreateTopics() {
    }

    static List<NewTopic> topics(TopicLayout layout) {
        Map<String, String> config = Map.of(
                "retention.ms", THIRTY_DAYS_MS,
                "message.timestamp.type", "LogAppendTime");
        return List.of(
                topic(layout, Topics.READINGS, config),
                topic(layout, Topics.ALARMS, config),
                topic(layout, Topics.DEAD_LETTER, config),
                // devices' online/offline events (their MQTT will), keyed by enterprise/device
                topic(layout, Topics.DEVICE_STATUS, config),
                // stages' liveness (the watchdog reads only the newest): one day is plenty
                topic(layout, Topics.HEARTBEATS, Map.of(
                        "retention.ms", Long.toString(TimeUnit.DAYS.toMillis(1)),
                        "message.timestamp.type", "LogAppendTime")),
                // rule updates keyed by sensor: compacted, so the newest rule of every sensor is kept for good
                topic(layout, Topics.RULES, Map.of(
                        "cleanup.policy", "compact",
                        "message.timestamp.type", "LogAppendTime")),
                topic(layout, Topics.INCIDENT_EVENTS, config),
                // compacted: the newest state of every incident is kept for good (at least the 30 days required)
                topic(layout, Topics.INCIDENT_STATE, Map.of(
                        "cleanup.policy", "compact",
                        "min.compaction.lag.ms", THIRTY_DAYS_MS,
                        "message.timestamp.type", "LogAppendTime")),
                // issue 18: the alert service's leadership, the active one's heartbeats; its one partition's owner
                // is the active instance, so it has exactly one whatever the layout says (replicated as the rest)
                topic(layout, Topics.ALERTS_LEADER, 1, Map.of(
                        "retention.ms", Long.toString(TimeUnit.DAYS.toMillis(1)))));
    }

    private static NewTopic topic(TopicLayout layout, String name, Map<String, String> config) {
        return topic(layout, name, layout.partitionsOf(name), config);
    }

    private static NewTopic topic(TopicLayout layout, String name, int partitions, Map<String, String> config) {
        Map<String, String> configs = new HashMap<>(config);
        configs.put("min.insync.replicas", Integer.toString(layout.minInsyncReplicas()));
        return new NewTopic(name, partitions, layout.replicationFactor()).configs(configs);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CreateTopics <bootstrap servers> [topics file]");
            System.exit(2);
        }
        TopicLayout layout = args.length == 2 ? TopicLayout.load(Path.of(args[1])) : TopicLayout.defaults();
        create(args[0], layout, KafkaClientAuth.fromEnvironment(), System.out);
    }

    /** The one-machine layout: {@link #create(String, TopicLayout, KafkaClientAuth, PrintStream)} with its defaults. */
    public static void create(String bootstrap, KafkaClientAuth auth, PrintStream out) throws Exception {
        create(bootstrap, TopicLayout.defaults(), auth, out);
    }

    /** Creates the missing topics on {@code bootstrap} and, when {@code auth} logs in (as admin), grants the ACLs. */
    public static void create(String bootstrap, TopicLayout layout, KafkaClientAuth auth, PrintStream out)
            throws Exception {
        Properties props = auth.addTo(new Properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            awaitBrokers(admin, layout.replicationFactor());
            List<NewTopic> topics = topics(layout);
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            List<String> present = topics.stream().map(NewTopic::name).filter(existing::contains).toList();
            Map<String, TopicDescription> described = present.isEmpty() ? Map.of()
                    : admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
            for (NewTopic topic : topics) {
                out.println(missing.contains(topic)
                        ? "created topic " + topic.name() + " (" + topic.numPartitions() + " partitions, "
                                + topic.replicationFactor() + " replicas, min.insync.replicas " + layout.minInsyncReplicas() + ")"
                        : existingLine(topic, described.get(topic.name())));
            }
            if (auth.enabled()) {
                List<AclBinding> acls = ServiceAcls.all();
                admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
                awaitAcls(admin, acls);
                out.println("granted " + acls.size() + " ACLs to the service principals (docs/security-kafka.md)");
            } else {
                out.println("no Kafka client properties (" + KafkaClientAuth.ENV + "): plaintext broker, no ACLs");
            }
        }
    }

    /** One line on an existing topic: that it is there, or how it differs from the layout (left as it is). */
    static String existingLine(NewTopic wanted, TopicDescription actual) {
        int partitions = actual.partitions().size();
        int replicas = actual.partitions().isEmpty() ? 0 : actual.partitions().get(0).replicas().size();
        if (partitions == wanted.numPartitions() && replicas == wanted.replicationFactor()) {
            return "topic exists: " + wanted.name();
        }
        return "topic exists with " + partitions + " partitions and " + replicas + " replicas, the layout asks "
                + wanted.numPartitions() + " and " + wanted.replicationFactor() + ": " + wanted.name()
                + " (left as it is: docs/operations.md \"Kafka cluster\" says how to change it)";
    }

    /**
     * Waits until a broker answers with every one of {@code acls}: createAcls returns once the controller has them,
     * a broker applies them a moment later, and a service started right after this tool must not be refused.
     */
    private static void awaitAcls(Admin admin, List<AclBinding> acls) throws Exception {
        long deadline = System.currentTimeMillis() + BROKERS_WAIT_MS;
        while (!admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).containsAll(acls)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the brokers do not show the granted ACLs after " + BROKERS_WAIT_MS / 1000 + " s");
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the cluster has {@code replicas} live brokers, so that topics of that replication can be made. */
    private static void awaitBrokers(Admin admin, int replicas) throws Exception {
        long deadline = System.currentTimeMillis() + BROKERS_WAIT_MS;
        int live = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        while (live < replicas) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + live + " Kafka brokers are up after "
                        + BROKERS_WAIT_MS / 1000 + " s; topics.replication-factor " + replicas + " needs " + replicas);
            }
            Thread.sleep(500);
            live = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        }
    }
}
