package io.hazardwatch.deploy;

import io.hazardwatch.model.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What each service principal may do on the broker, and nothing more (the broker allows nothing without an ACL;
 * {@code admin} is its super user). The one table of it: docs/security-kafka.md explains it, {@link CreateTopics}
 * applies it.
 * <ul>
 *   <li>{@code ingest} (the gateway) writes readings, dead letters, device status and its heartbeats</li>
 *   <li>{@code jobs} (detection and history) read readings and rules in their groups
 *       ({@code hazardwatch-stream-jobs*}) and write alarms and heartbeats</li>
 *   <li>{@code alerts} (the alert service) reads alarms, heartbeats and dead letters, and owns the incident topics
 *       its transactional id and its leader group
 *       ({@code hazardwatch-alert-service.*}, on the leader topic)</li>
 *   <li>{@code rules} (the rules publisher, {@code RulesPublisher}) is the only writer of the rules topic</li>
 *   <li>{@code simulator} (the device simulator's record and dead-letter commands) reads readings and dead letters</li>
 * </ul>
 */
public final class ServiceAcls {

    public static final String INGEST = "ingest";
    public static final String JOBS = "jobs";
    public static final String ALERTS = "alerts";
    public static final String RULES = "rules";
    public static final String SIMULATOR = "simulator";

    /** The consumer groups of the stream jobs start with it (stream.group-id's default; its -history, -rules). */
    static final String JOBS_GROUP_PREFIX = "hazardwatch-stream-jobs";
    /** The alert service's transactional ids start with it (one per incident-state topic). */
    static final String ALERTS_TRANSACTION_PREFIX = "hazardwatch-alert-service.";

    private ServiceAcls() {
    }

    static List<AclBinding> all() {
        List<AclBinding> acls = new ArrayList<>();
        writes(acls, INGEST, Topics.READINGS, Topics.DEAD_LETTER, Topics.DEVICE_STATUS, Topics.HEARTBEATS);
        reads(acls, JOBS, Topics.READINGS, Topics.RULES);
        acls.add(allow(JOBS, ResourceType.GROUP, JOBS_GROUP_PREFIX, PatternType.PREFIXED, AclOperation.READ));
        writes(acls, JOBS, Topics.ALARMS, Topics.HEARTBEATS);
        reads(acls, ALERTS, Topics.ALARMS, Topics.HEARTBEATS, Topics.DEAD_LETTER, Topics.INCIDENT_STATE,
                Topics.INCIDENT_EVENTS);
        writes(acls, ALERTS, Topics.INCIDENT_STATE, Topics.INCIDENT_EVENTS);
        // issue 18, active + standby: the instances' leader group on the leader topic (hazardwatch-alert-service.leader.*),
        // where the active writes its heartbeats
        reads(acls, ALERTS, Topics.ALERTS_LEADER);
        writes(acls, ALERTS, Topics.ALERTS_LEADER);
        acls.add(allow(ALERTS, ResourceType.GROUP, ALERTS_TRANSACTION_PREFIX, PatternType.PREFIXED, AclOperation.READ));
        for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
            acls.add(allow(ALERTS, ResourceType.TRANSACTIONAL_ID, ALERTS_TRANSACTION_PREFIX, PatternType.PREFIXED, op));
        }
        writes(acls, RULES, Topics.RULES);
        reads(acls, SIMULATOR, Topics.READINGS, Topics.DEAD_LETTER);
        return acls;
    }

    private static void writes(List<AclBinding> acls, String principal, String... topics) {
        for (String topic : topics) {
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
    }

    private static void reads(List<AclBinding> acls, String principal, String... topics) {
        for (String topic : topics) {
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }
}
