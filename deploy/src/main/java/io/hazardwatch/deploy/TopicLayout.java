package io.hazardwatch.deploy;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How the stack's topics are spread over the brokers: the replication factor and {@code min.insync.replicas} of
 * every topic and the partitions of each, from a properties file ({@code bin/hw topics create BOOTSTRAP FILE}). The
 * defaults are the one-machine broker's (one replica); deploy/cluster/topics.properties has the 3-node cluster's.
 * A bad value, or a key for a topic the stack does not have, stops with a message naming the key.
 *
 * @param replicationFactor  copies of every partition ({@value #REPLICATION_FACTOR})
 * @param minInsyncReplicas  copies that must have a record before an acks=all write is acknowledged
 *                           ({@value #MIN_INSYNC_REPLICAS})
 * @param partitions         topic name → partitions ({@value #PARTITIONS}NAME), every topic of the stack, in order
 */
public record TopicLayout(short replicationFactor, int minInsyncReplicas, Map<String, Integer> partitions) {

    public static final String REPLICATION_FACTOR = "topics.replication-factor";
    public static final String MIN_INSYNC_REPLICAS = "topics.min-insync-replicas";
    public static final String PARTITIONS = "topics.partitions.";

    /** Today's partitions: readings are keyed by sensor, so they bound the stream job's source parallelism. */
    private static final Map<String, Integer> DEFAULT_PARTITIONS = ordered(
            Topics.READINGS, 4, Topics.ALARMS, 4, Topics.DEAD_LETTER, 1, Topics.DEVICE_STATUS, 4,
            Topics.HEARTBEATS, 1, Topics.RULES, 1,
            // the alert service is the single writer of both; one partition keeps its restart read simple
            Topics.INCIDENT_EVENTS, 1, Topics.INCIDENT_STATE, 1);

    /** Kafka's bound on a topic's partitions is far higher; more than this here is a typo. */
    private static final int MAX_PARTITIONS = 1_000;

    public TopicLayout {
        partitions = Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
    }

    /** The one-machine layout: one replica, today's partitions. */
    public static TopicLayout defaults() {
        return new TopicLayout((short) 1, 1, DEFAULT_PARTITIONS);
    }

    /** The layout {@code file} describes; keys it leaves out keep {@link #defaults()}. */
    public static TopicLayout load(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("topics file " + file + ": cannot read: " + e.getMessage());
        }
        return from(props);
    }

    public static TopicLayout from(Properties props) {
        Map<String, String> values = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(key -> values.put(key, props.getProperty(key)));
        for (String key : values.keySet()) {
            boolean known = key.equals(REPLICATION_FACTOR) || key.equals(MIN_INSYNC_REPLICAS)
                    || key.startsWith(PARTITIONS) && DEFAULT_PARTITIONS.containsKey(key.substring(PARTITIONS.length()));
            if (!known) {
                throw new ConfigException(key + ": not a topics key (" + REPLICATION_FACTOR + ", " + MIN_INSYNC_REPLICAS
                        + ", " + PARTITIONS + "<topic> for the topics " + DEFAULT_PARTITIONS.keySet() + ")");
            }
        }
        Settings settings = Settings.of(values);
        int replicas = settings.integer(REPLICATION_FACTOR, 1, 1, Short.MAX_VALUE);
        int minInsync = settings.integer(MIN_INSYNC_REPLICAS, 1, 1, Short.MAX_VALUE);
        if (minInsync > replicas) {
            throw new ConfigException(MIN_INSYNC_REPLICAS + ": " + minInsync + " is more than the " + replicas
                    + " replicas of " + REPLICATION_FACTOR + " (no acks=all write could ever succeed)");
        }
        Map<String, Integer> partitions = new LinkedHashMap<>();
        DEFAULT_PARTITIONS.forEach((topic, count) ->
                partitions.put(topic, settings.integer(PARTITIONS + topic, count, 1, MAX_PARTITIONS)));
        return new TopicLayout((short) replicas, minInsync, partitions);
    }

    /** The partitions of {@code topic}, one of the stack's. */
    public int partitionsOf(String topic) {
        Integer count = partitions.get(topic);
        if (count == null) {
            throw new IllegalArgumentException("not a topic of the stack: " + topic);
        }
        return count;
    }

    private static Map<String, Integer> ordered(Object... topicsAndCounts) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < topicsAndCounts.length; i += 2) {
            map.put((String) topicsAndCounts[i], (Integer) topicsAndCounts[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
