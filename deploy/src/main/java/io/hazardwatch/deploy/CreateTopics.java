package io.hazardwatch.deploy;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;

/**
 * Creates HazardWatch's topics when missing, with deliberate partitions and retention rather than the
 * broker's auto-create defaults: {@code CreateTopics <bootstrap>}. Existing topics are left as they are. On a broker
 * with authentication (run as {@code admin}: {@code HW_KAFKA_CLIENT_PROPERTIES} names its client file) it also
 * grants each service principal its {@link ServiceAcls} (granting one again changes nothing).
 */
public final class CreateTopics {

    /** 30 days: electronic records are kept at least 30 days (MEM Order No. 40). */
    private static final String THIRTY_DAYS_MS = Long.toString(TimeUnit.DAYS.toMillis(30));

    private CreateTopics() {
    }

    static List<NewTopic> topics() {
        Map<String, String> config = Map.of(
                "retention.ms", THIRTY_DAYS_MS,
                "message.timestamp.type", "LogAppendTime");
        return List.of(
                // readings are keyed by sensor: partitions bound the stream job's source parallelism
                new NewTopic(Topics.READINGS, 4, (short) 1).configs(config),
                new NewTopic(Topics.ALARMS, 4, (short) 1).configs(config),
                new NewTopic(Topics.DEAD_LETTER, 1, (short) 1).configs(config),
                // devices' online/offline events (their MQTT will), keyed by enterprise/device
                new NewTopic(Topics.DEVICE_STATUS, 4, (short) 1).configs(config),
                // stages' liveness (the watchdog reads only the newest): one day is plenty
                new NewTopic(Topics.HEARTBEATS, 1, (short) 1).configs(Map.of(
                        "retention.ms", Long.toString(TimeUnit.DAYS.toMillis(1)),
                        "message.timestamp.type", "LogAppendTime")),
                // rule updates keyed by sensor: compacted, so the newest rule of every sensor is kept for good
                new NewTopic(Topics.RULES, 1, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact",
                        "message.timestamp.type", "LogAppendTime")),
                // the alert service is the single writer of both; one partition keeps its restart read simple
                new NewTopic(Topics.INCIDENT_EVENTS, 1, (short) 1).configs(config),
                // compacted: the newest state of every incident is kept for good (at least the 30 days required)
                new NewTopic(Topics.INCIDENT_STATE, 1, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact",
                        "min.compaction.lag.ms", THIRTY_DAYS_MS,
                        "message.timestamp.type", "LogAppendTime")),
                // issue 18: the alert service's leadership; no records, one partition: its owner is the active one
                new NewTopic(Topics.ALERTS_LEADER, 1, (short) 1).configs(Map.of(
                        "retention.ms", Long.toString(TimeUnit.DAYS.toMillis(1)))));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: CreateTopics <bootstrap servers>");
            System.exit(2);
        }
        create(args[0], KafkaClientAuth.fromEnvironment(), System.out);
    }

    /** Creates the missing topics on {@code bootstrap} and, when {@code auth} logs in (as admin), grants the ACLs. */
    public static void create(String bootstrap, KafkaClientAuth auth, PrintStream out) throws Exception {
        Properties props = auth.addTo(new Properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics().stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            for (NewTopic topic : topics()) {
                out.println((missing.contains(topic) ? "created topic " : "topic exists: ") + topic.name());
            }
            if (auth.enabled()) {
                List<AclBinding> acls = ServiceAcls.all();
                admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
                out.println("granted " + acls.size() + " ACLs to the service principals (docs/security-kafka.md)");
            } else {
                out.println("no Kafka client properties (" + KafkaClientAuth.ENV + "): plaintext broker, no ACLs");
            }
        }
    }
}
