package io.hazardwatch.streamjobs;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryException;
import io.hazardwatch.model.registry.SensorSpec;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import io.hazardwatch.streamjobs.influx.InfluxPointSink;
import io.hazardwatch.streamjobs.influx.InfluxSettings;
import io.hazardwatch.streamjobs.kafka.KafkaConnectors;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Composition root of the threshold job on a Flink cluster:
 * {@code flink run stream-jobs-<version>-job.jar [stream-jobs.properties]}.
 * The registry is read here, on the client, and travels to the task managers inside the job.
 */
public final class ThresholdJobMain {

    public static final String JOB_NAME = "hazardwatch-threshold-alarms";

    private ThresholdJobMain() {
    }

    public static void main(String[] args) throws Exception {
        wireOrExit(args, cfg -> StreamExecutionEnvironment.getExecutionEnvironment()).execute(JOB_NAME);
    }

    /**
     * Wires the job with the real connectors into {@code env}: Kafka readings and rules → alarms to Kafka,
     * readings and their 1-minute aggregates to InfluxDB. Also sets the job's parallelism and checkpointing, on which the Kafka offset commits and
     * the InfluxDB writes depend.
     *
     * @throws RegistryException if the registry file is invalid
     */
    public static void buildFromConfig(StreamExecutionEnvironment env, StreamJobsConfig cfg) {
        env.setParallelism(cfg.parallelism());
        env.setBufferTimeout(cfg.bufferTimeoutMs());
        env.enableCheckpointing(cfg.checkpointIntervalMs());
        Configuration checkpoints = new Configuration();
        checkpoints.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        checkpoints.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, cfg.checkpointDir());
        // the latest checkpoint outlives a cancelled or stopped job: the next one starts from it (LocalMain does so
        // by itself; on a cluster: flink run -s <checkpoint>), not from empty state
        checkpoints.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        env.configure(checkpoints);
        InfluxSettings influx = InfluxSettings.of(cfg.influxUrl(), cfg.influxDatabase(), cfg.influxRetentionPolicy());
        new DetectionJob(
                KafkaConnectors.readingSource(cfg.kafkaBootstrap(), cfg.readingsTopic(), cfg.groupId()),
                KafkaConnectors.ruleSource(cfg.kafkaBootstrap(), cfg.rulesTopic(), cfg.groupId()),
                KafkaConnectors.alarmSink(cfg.kafkaBootstrap(), cfg.alarmsTopic()),
                InfluxPointSink.readings(influx),
                InfluxPointSink.minuteAggregates(influx.withRetentionPolicy(cfg.influxAggregateRetentionPolicy())),
                sensorsByKey(Registry.load(cfg.registryFile())))
                .build(env);
    }

    static Map<String, SensorSpec> sensorsByKey(Registry registry) {
        return registry.sensors().stream()
                .collect(Collectors.toMap(spec -> spec.key().toString(), Function.identity()));
    }

    /**
     * Loads the config from args[0] (optional), creates the environment for it and wires the job; on a bad
     * config or registry prints one line {@code config error: ...} and exits with status 2.
     */
    static StreamExecutionEnvironment wireOrExit(String[] args,
                                                 Function<StreamJobsConfig, StreamExecutionEnvironment> environment) {
        try {
            StreamJobsConfig cfg = StreamJobsConfig.load(args.length > 0 ? Path.of(args[0]) : null);
            StreamExecutionEnvironment env = environment.apply(cfg);
            buildFromConfig(env, cfg);
            return env;
        } catch (ConfigException e) {
            return exit("config error: " + e.getMessage());
        } catch (RegistryException e) {
            return exit("config error: registry.file: " + e.getMessage());
        }
    }

    private static StreamExecutionEnvironment exit(String line) {
        System.err.println(line);
        System.exit(2);
        throw new IllegalStateException("not reached");
    }
}
