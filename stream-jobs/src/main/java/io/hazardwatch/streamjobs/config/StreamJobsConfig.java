package io.hazardwatch.streamjobs.config;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.InfluxCredentials;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Everything the stream jobs need to know about their surroundings, validated once at start.
 * Keys and defaults:
 * <ul>
 *   <li>{@code kafka.bootstrap} = 127.0.0.1:9092</li>
 *   <li>{@code topic.readings} = {@link Topics#READINGS}, {@code topic.alarms} = {@link Topics#ALARMS},
 *       {@code topic.rules} = {@link Topics#RULES}: rule updates applied while the job runs</li>
 *   <li>{@code stream.group-id} = hazardwatch-stream-jobs: consumer group of the detection job, whose committed
 *       offsets it resumes from when it starts without a checkpoint</li>
 *   <li>{@code stream.history-group-id} = the detection group's id + {@code -history}: consumer group of the history
 *       job (readings into InfluxDB). A group of its own, so that after an InfluxDB outage it catches up from Kafka
 *       while detection, which never waits for it, stays at the head of the topic</li>
 *   <li>{@code topic.heartbeats} = {@link Topics#HEARTBEATS}: where both jobs' heartbeats go</li>
 *   <li>{@code kafka.client-properties-file} = the file {@code HW_KAFKA_CLIENT_PROPERTIES} names, if any: the jobs'
 *       Kafka principal (security.protocol, sasl.*), added to every source, sink and heartbeat producer</li>
 *   <li>{@code registry.file} = deploy/config/registry.yaml: must exist</li>
 *   <li>{@code influx.url} = http://127.0.0.1:8086, {@code influx.database} = hazardwatch,
 *       {@code influx.retention-policy} = thirty_days (raw readings, 30 days),
 *       {@code influx.aggregate-retention-policy} = four_hundred_days (1-minute aggregates, 400 days)</li>
 *   <li>{@code influx.username} + {@code influx.password-file} (or {@code HW_INFLUX_PASSWORD}): the history job's
 *       InfluxDB login, a user with WRITE on the database (issue 16); none = an InfluxDB without authentication</li>
 *   <li>{@code checkpoint.interval-ms} = 10000, {@code flink.rest.port} = 8082 (local mode only),
 *       {@code parallelism} = 2</li>
 *   <li>{@code flink.buffer-timeout-ms} = 10: longest a record waits in a network buffer between the job's
 *       operators before it is sent on (Flink's default, 100 ms, would add up to that to every alarm on its
 *       way to the sink; 0 sends each record at once, at a CPU cost)</li>
 *   <li>{@code checkpoint.dir} = .run/flink-checkpoints: where checkpoints are written, a directory or a URI of
 *       a file system Flink can write ({@code file:///…}, {@code hdfs://…}); on a cluster it must be shared by
 *       all its machines. Without it Flink keeps checkpoints in the job manager's memory, which refuses a
 *       subtask's state above 5 MB: about 1 000 sensors, after which no checkpoint completes (and so no Kafka
 *       offset is committed)</li>
 * </ul>
 * Each key can be overridden by its {@code HW_*} environment variable (see {@link Settings}).
 */
public record StreamJobsConfig(
        String kafkaBootstrap,
        String readingsTopic,
        String alarmsTopic,
        String groupId,
        Path registryFile,
        String influxUrl,
        String influxDatabase,
        String influxRetentionPolicy,
        long checkpointIntervalMs,
        int restPort,
        int parallelism,
        String rulesTopic,
        String influxAggregateRetentionPolicy,
        long bufferTimeoutMs,
        String checkpointDir,
        String historyGroupId,
        String heartbeatsTopic,
        InfluxCredentials influxLogin,
        KafkaClientAuth kafkaAuth) {

    public StreamJobsConfig {
        influxLogin = influxLogin == null ? InfluxCredentials.NONE : influxLogin;
    }

    /**
     * The settings before InfluxDB and Kafka had logins (issue 16): no InfluxDB login, the Kafka client properties
     * file that {@value KafkaClientAuth#ENV} names, if any.
     */
    public StreamJobsConfig(String kafkaBootstrap, String readingsTopic, String alarmsTopic, String groupId,
                            Path registryFile, String influxUrl, String influxDatabase, String influxRetentionPolicy,
                            long checkpointIntervalMs, int restPort, int parallelism, String rulesTopic,
                            String influxAggregateRetentionPolicy, long bufferTimeoutMs, String checkpointDir,
                            String historyGroupId, String heartbeatsTopic) {
        this(kafkaBootstrap, readingsTopic, alarmsTopic, groupId, registryFile, influxUrl, influxDatabase,
                influxRetentionPolicy, checkpointIntervalMs, restPort, parallelism, rulesTopic,
                influxAggregateRetentionPolicy, bufferTimeoutMs, checkpointDir, historyGroupId, heartbeatsTopic,
                InfluxCredentials.NONE, KafkaClientAuth.fromEnvironment());
    }

    /** These settings with the history job writing to InfluxDB as {@code login}. */
    public StreamJobsConfig withInfluxLogin(InfluxCredentials login) {
        return new StreamJobsConfig(kafkaBootstrap, readingsTopic, alarmsTopic, groupId, registryFile, influxUrl,
                influxDatabase, influxRetentionPolicy, checkpointIntervalMs, restPort, parallelism, rulesTopic,
                influxAggregateRetentionPolicy, bufferTimeoutMs, checkpointDir, historyGroupId, heartbeatsTopic, login,
                kafkaAuth);
    }

    public static final long DEFAULT_BUFFER_TIMEOUT_MS = 10;
    public static final String DEFAULT_CHECKPOINT_DIR = ".run/flink-checkpoints";
    public static final String HISTORY_GROUP_SUFFIX = "-history";

    /**
     * The settings before the history job had a consumer group of its own: its group is the detection group's id
     * + {@code -history}, heartbeats go to {@link Topics#HEARTBEATS}.
     */
    public StreamJobsConfig(String kafkaBootstrap, String readingsTopic, String alarmsTopic, String groupId,
                            Path registryFile, String influxUrl, String influxDatabase, String influxRetentionPolicy,
                            long checkpointIntervalMs, int restPort, int parallelism, String rulesTopic,
                            String influxAggregateRetentionPolicy, long bufferTimeoutMs, String checkpointDir) {
        this(kafkaBootstrap, readingsTopic, alarmsTopic, groupId, registryFile, influxUrl, influxDatabase,
                influxRetentionPolicy, checkpointIntervalMs, restPort, parallelism, rulesTopic,
                influxAggregateRetentionPolicy, bufferTimeoutMs, checkpointDir, groupId + HISTORY_GROUP_SUFFIX,
                Topics.HEARTBEATS);
    }

    /**
     * The settings of the first version, with the rules topic, aggregate policy, buffer timeout and checkpoint
     * directory at their defaults.
     */
    public StreamJobsConfig(String kafkaBootstrap, String readingsTopic, String alarmsTopic, String groupId,
                            Path registryFile, String influxUrl, String influxDatabase, String influxRetentionPolicy,
                            long checkpointIntervalMs, int restPort, int parallelism) {
        this(kafkaBootstrap, readingsTopic, alarmsTopic, groupId, registryFile, influxUrl, influxDatabase,
                influxRetentionPolicy, checkpointIntervalMs, restPort, parallelism, Topics.RULES, "four_hundred_days",
                DEFAULT_BUFFER_TIMEOUT_MS, checkpointUri(DEFAULT_CHECKPOINT_DIR));
    }

    /** host:port[,host:port...] */
    private static final Pattern BOOTSTRAP = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5})*");
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    /**
     * Influx identifiers are spliced into InfluxQL (CREATE DATABASE ...), so only plain identifiers are
     * allowed: no quoting games.
     */
    private static final Pattern INFLUX_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** Loads {@code file} (may be null: defaults and environment only) and validates it. */
    public static StreamJobsConfig load(Path file) {
        return from(Settings.load(file));
    }

    public static StreamJobsConfig from(Settings s) {
        String groupId = s.string("stream.group-id", "hazardwatch-stream-jobs");
        String historyGroupId = s.string("stream.history-group-id", groupId + HISTORY_GROUP_SUFFIX);
        if (historyGroupId.equals(groupId)) {
            // one group for both jobs would make each commit over the other's offsets
            throw new ConfigException("stream.history-group-id: '" + historyGroupId
                    + "' must differ from stream.group-id");
        }
        return new StreamJobsConfig(
                matching(s, "kafka.bootstrap", "127.0.0.1:9092", BOOTSTRAP, "host:port[,host:port...]"),
                matching(s, "topic.readings", Topics.READINGS, TOPIC, "a Kafka topic name"),
                matching(s, "topic.alarms", Topics.ALARMS, TOPIC, "a Kafka topic name"),
                groupId,
                s.existingFile("registry.file", "deploy/config/registry.yaml"),
                httpUrl(s, "influx.url", "http://127.0.0.1:8086"),
                matching(s, "influx.database", "hazardwatch", INFLUX_NAME, "a plain identifier (letters, digits, _)"),
                matching(s, "influx.retention-policy", "thirty_days", INFLUX_NAME, "a plain identifier (letters, digits, _)"),
                s.integer("checkpoint.interval-ms", 10_000, 1_000, 3_600_000),
                s.port("flink.rest.port", 8082),
                s.integer("parallelism", 2, 1, 64),
                matching(s, "topic.rules", Topics.RULES, TOPIC, "a Kafka topic name"),
                matching(s, "influx.aggregate-retention-policy", "four_hundred_days", INFLUX_NAME,
                        "a plain identifier (letters, digits, _)"),
                s.integer("flink.buffer-timeout-ms", (int) DEFAULT_BUFFER_TIMEOUT_MS, 0, 1000),
                checkpointDir(s),
                historyGroupId,
                matching(s, "topic.heartbeats", Topics.HEARTBEATS, TOPIC, "a Kafka topic name"),
                InfluxCredentials.from(s, "influx"),
                KafkaClientAuth.from(s));
    }

    private static String checkpointDir(Settings s) {
        String value = s.string("checkpoint.dir", DEFAULT_CHECKPOINT_DIR);
        try {
            return checkpointUri(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("checkpoint.dir: '" + value + "' is neither a directory nor a URI: " + e.getMessage());
        }
    }

    /** A URI with a scheme as it is; anything else is a local directory, made absolute. */
    public static String checkpointUri(String dirOrUri) {
        if (dirOrUri.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        if (dirOrUri.matches("[A-Za-z][A-Za-z0-9+.-]+:/.*")) {
            return URI.create(dirOrUri).toString();
        }
        return Path.of(dirOrUri).toAbsolutePath().normalize().toUri().toString();
    }

    private static String matching(Settings s, String key, String defaultValue, Pattern pattern, String expected) {
        String value = s.string(key, defaultValue);
        if (!pattern.matcher(value).matches()) {
            throw new ConfigException(key + ": '" + value + "' is not " + expected);
        }
        return value;
    }

    private static String httpUrl(Settings s, String key, String defaultValue) {
        String value = s.string(key, defaultValue);
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(key + ": '" + value + "' is not an http(s) URL with a host");
            }
            return value;
        } catch (URISyntaxException e) {
            throw new ConfigException(key + ": '" + value + "' is not a URL: " + e.getReason());
        }
    }
}
