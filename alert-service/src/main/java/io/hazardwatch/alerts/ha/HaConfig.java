package io.hazardwatch.alerts.ha;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Active + standby (issue 18): whether this instance competes for leadership, its name, and how fast a dead active
 * is noticed. Disabled (the default) the service is active from the start and needs no leader topic.
 *
 * @param enabled        {@value #ENABLED}: compete for leadership through the leader topic's consumer group
 * @param instanceId     {@value #INSTANCE_ID}: this instance's name in logs, metrics and the group (default host:port)
 * @param sessionTimeout {@value #SESSION_TIMEOUT_MS}: the group's session timeout, 20 000 ms by default: an active
 *                       that has not reached the group coordinator for this long steps down. Keep it above the time
 *                       Kafka takes to move a dead broker's coordinators (6–10 s), or a broker's death ends the
 *                       active's term. A killed active is replaced sooner, by the standby that reads its heartbeats
 *                       ({@link Leadership}), unless Kafka stalls too. The broker bounds it
 *                       (group.min.session.timeout.ms, 6 000 ms by default)
 * @param leaderTopic    {@value #LEADER_TOPIC}: a one-partition topic; its partition's owner is the active
 * @param group          the consumer group, derived from the incident-state topic as the transactional id is: the
 *                       instances that would fence each other are the ones that compete
 */
public record HaConfig(boolean enabled, String instanceId, Duration sessionTimeout, String leaderTopic, String group) {

    public static final String ENABLED = "alert.ha.enabled";
    public static final String INSTANCE_ID = "alert.ha.instance-id";
    public static final String SESSION_TIMEOUT_MS = "alert.ha.session-timeout-ms";
    public static final String LEADER_TOPIC = "topic.alerts-leader";
    /** The alert service's consumer groups and transactional ids start with it (ServiceAcls grants the prefix). */
    public static final String GROUP_PREFIX = "hazardwatch-alert-service.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    public static HaConfig from(Settings settings, String incidentStateTopic, String httpHost, int httpPort) {
        String enabled = settings.string(ENABLED, "false").trim();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new ConfigException(ENABLED + ": '" + enabled + "' is neither true nor false");
        }
        String instance = settings.string(INSTANCE_ID, httpHost + ":" + httpPort);
        if (!NAME.matcher(instance).matches()) {
            throw new ConfigException(INSTANCE_ID + ": '" + instance + "' is not a name (letters, digits, . _ : -)");
        }
        String topic = settings.string(LEADER_TOPIC, Topics.ALERTS_LEADER);
        if (!Pattern.matches("[a-zA-Z0-9._-]{1,249}", topic)) {
            throw new ConfigException(LEADER_TOPIC + ": '" + topic + "' is not a valid Kafka topic name");
        }
        return new HaConfig(Boolean.parseBoolean(enabled), instance,
                Duration.ofMillis(settings.integer(SESSION_TIMEOUT_MS, 20_000, 1_000, 60_000)), topic,
                GROUP_PREFIX + "leader." + incidentStateTopic);
    }
}
