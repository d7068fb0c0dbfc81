package io.hazardwatch.streamjobs.app;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryException;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import io.hazardwatch.streamjobs.influx.InfluxPointSink;
import io.hazardwatch.streamjobs.influx.InfluxSettings;
import io.hazardwatch.streamjobs.job.DetectionJob;
import io.hazardwatch.streamjobs.job.HistoryJob;
import io.hazardwatch.streamjobs.kafka.KafkaConnectors;
import io.hazardwatch.streamjobs.kafka.KafkaHeartbeatSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of the stream jobs on a Flink cluster:
 * {@code flink run stream-jobs-<version>-job.jar [--job detection|history|both] [stream-jobs.properties]}
 * submits the detection job and the history job (both unless {@code --job} names one), each a Flink job of its
 * own. The registry is read here, on the client, and travels to the task managers inside the detection job.
 */
public final class JobsMain {

    private static final Logger LOG = LoggerFactory.getLogger(JobsMain.class);
    /** Longest pause between two restarts of a failed job: a job keeps restarting, never gives up. */
    static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(10);

    private JobsMain() {
    }

    public static void main(String[] args) throws Exception {
        Set<StreamJob> jobs = jobsOrExit(args);
        StreamJobsConfig cfg = configOrExit(fileArgument(args));
        List<JobClient> submitted = new ArrayList<>();
        for (StreamJob job : jobs) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            wireOrExit(job, env, cfg);
            JobClient client = env.executeAsync(job.jobName());
            LOG.info("{} job submitted: {} {}", job.label(), job.jobName(), client.getJobID());
            submitted.add(client);
        }
        // `flink run` without -d stays until the jobs end, as it did with one job
        if (StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration().get(DeploymentOptions.ATTACHED)) {
            for (JobClient client : submitted) {
                client.getJobExecutionResult().get();
            }
        }
    }

    /**
     * Wires the detection job with the real connectors into {@code env}: Kafka readings and rules → alarms to
     * Kafka, DETECTION heartbeats to {@code topic.heartbeats}. Nothing of InfluxDB. Also sets its parallelism, checkpointing and restart strategy.
     *
     * @throws RegistryException if the registry file is invalid
     */
    public static void buildDetection(StreamExecutionEnvironment env, StreamJobsConfig cfg) {
        configure(env, cfg, StreamJob.DETECTION);
        new DetectionJob(
                KafkaConnectors.readingSource(cfg.kafkaBootstrap(), cfg.readingsTopic(), cfg.groupId(), cfg.kafkaAuth(),
                        KafkaConnectors.Fetch.AT_ONCE),
                KafkaConnectors.ruleSource(cfg.kafkaBootstrap(), cfg.rulesTopic(), cfg.groupId(), cfg.kafkaAuth()),
                KafkaConnectors.alarmSink(cfg.kafkaBootstrap(), cfg.alarmsTopic(), cfg.kafkaAuth()),
                DetectionJob.sensorsByKey(Registry.load(cfg.registryFile())),
                new KafkaHeartbeatSink(cfg.kafkaBootstrap(), cfg.heartbeatsTopic(), cfg.kafkaAuth()))
                .build(env);
    }

    /**
     * Wires the history job with the real connectors into {@code env}: Kafka readings (the history consumer
     * group) → readings and their 1-minute aggregates to InfluxDB; the reading store's writers send HISTORY
     * heartbeats to {@code topic.heartbeats}. Also sets its parallelism, checkpointing (on
     * which the InfluxDB writes and the offset commits depend) and restart strategy.
     */
    public static void buildHistory(StreamExecutionEnvironment env, StreamJobsConfig cfg) {
        configure(env, cfg, StreamJob.HISTORY);
        InfluxSettings influx = InfluxSettings.of(cfg.influxUrl(), cfg.influxDatabase(), cfg.influxRetentionPolicy())
                .withLogin(cfg.influxLogin());
        new HistoryJob(
                KafkaConnectors.readingSource(cfg.kafkaBootstrap(), cfg.readingsTopic(), cfg.historyGroupId(),
                        cfg.kafkaAuth(), KafkaConnectors.Fetch.BATCHED),
                InfluxPointSink.readings(influx, new KafkaHeartbeatSink(cfg.kafkaBootstrap(), cfg.heartbeatsTopic(),
                        cfg.kafkaAuth())),
                InfluxPointSink.minuteAggregates(influx.withRetentionPolicy(cfg.influxAggregateRetentionPolicy())))
                .build(env);
    }

    /** Wires {@code job} into {@code env}. */
    public static void build(StreamJob job, StreamExecutionEnvironment env, StreamJobsConfig cfg) {
        switch (job) {
            case DETECTION -> buildDetection(env, cfg);
            case HISTORY -> buildHistory(env, cfg);
        }
    }

    private static void configure(StreamExecutionEnvironment env, StreamJobsConfig cfg, StreamJob job) {
        env.setParallelism(cfg.parallelism());
        env.setBufferTimeout(cfg.bufferTimeoutMs());
        env.enableCheckpointing(cfg.checkpointIntervalMs());
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, job.checkpointDir(cfg));
        // the latest checkpoint outlives a cancelled or stopped job: the next one starts from it (LocalMain does so
        // by itself; on a cluster: flink run -s <checkpoint>), not from empty state
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // Never give up: a job that stopped restarting would stay down until someone noticed. The history job
        // restarts this way for as long as InfluxDB is down; the pause grows to 10 s so that it does not hammer it.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, MAX_RESTART_DELAY);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        env.configure(conf);
    }

    /** The jobs {@code --job} names (both without it); on a bad value prints one line and exits with status 2. */
    static Set<StreamJob> jobsOrExit(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--job")) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                return switch (value) {
                    case "detection" -> EnumSet.of(StreamJob.DETECTION);
                    case "history" -> EnumSet.of(StreamJob.HISTORY);
                    case "both" -> EnumSet.allOf(StreamJob.class);
                    default -> exit("usage: --job detection|history|both (got '" + value + "')");
                };
            }
        }
        return EnumSet.allOf(StreamJob.class);
    }

    /** The properties file: the first argument that is not {@code --job} or its value; null if none. */
    static Path fileArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--job")) {
                i++;
            } else {
                return Path.of(args[i]);
            }
        }
        return null;
    }

    /** Loads the config from {@code file} (may be null); on a bad config prints one line and exits with status 2. */
    static StreamJobsConfig configOrExit(Path file) {
        try {
            return StreamJobsConfig.load(file);
        } catch (ConfigException e) {
            return exit("config error: " + e.getMessage());
        }
    }

    /** Wires {@code job} into {@code env}; on a bad registry prints one line {@code config error: ...} and exits. */
    static void wireOrExit(StreamJob job, StreamExecutionEnvironment env, StreamJobsConfig cfg) {
        try {
            build(job, env, cfg);
        } catch (RegistryException e) {
            exit("config error: registry.file: " + e.getMessage());
        }
    }

    private static <T> T exit(String line) {
        System.err.println(line);
        System.exit(2);
        throw new IllegalStateException("not reached");
    }
}
