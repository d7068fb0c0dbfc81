package io.hazardwatch.streamjobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamJobsConfigTest {

    @TempDir
    Path dir;

    @Test
    void usesTheDocumentedDefaultsWhenOnlyTheRegistryIsGiven() {
        Path registry = TestRegistry.write(dir);

        StreamJobsConfig cfg = StreamJobsConfig.from(settings(Map.of("registry.file", registry.toString())));

        assertThat(cfg).isEqualTo(new StreamJobsConfig("127.0.0.1:9092", Topics.READINGS, Topics.ALARMS,
                "hazardwatch-stream-jobs", registry, "http://127.0.0.1:8086", "hazardwatch", "thirty_days",
                10_000, 8082, 2));
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("stream-jobs.properties"),
                "registry.file=" + TestRegistry.write(dir) + "\nparallelism=3\ninflux.database=from_file\n");

        StreamJobsConfig cfg = StreamJobsConfig.from(Settings.load(file, Map.of("HW_INFLUX_DATABASE", "from_env")));

        assertThat(cfg.parallelism()).isEqualTo(3);
        assertThat(cfg.influxDatabase()).isEqualTo("from_env");
    }

    @Test
    void theHistoryJobsInfluxLoginComesFromTheEnvironmentAndNoneMeansNoAuthentication() throws Exception {
        Path file = Files.writeString(dir.resolve("stream-jobs.properties"), "registry.file=" + TestRegistry.write(dir)
                + "\ninflux.username=hw_writer\n");
        Path password = Files.writeString(dir.resolve("influx-writer.password"), "s3cret\n");

        StreamJobsConfig cfg = StreamJobsConfig.from(Settings.load(file,
                Map.of("HW_INFLUX_PASSWORD_FILE", password.toString())));

        assertThat(cfg.influxLogin()).isEqualTo(io.hazardwatch.model.config.InfluxCredentials.of("hw_writer", "s3cret"));
        assertThat(StreamJobsConfig.from(settings(Map.of("registry.file", TestRegistry.write(dir).toString())))
                .influxLogin().present()).isFalse();
    }

    @Test
    void missingRegistryFileIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> StreamJobsConfig.from(settings(Map.of("registry.file", dir.resolve("nope.yaml").toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("registry.file:");
    }

    @Test
    void badValuesAreRejectedNamingTheirKey() {
        assertRejected("kafka.bootstrap", "localhost");
        assertRejected("topic.alarms", "alarms with spaces");
        assertRejected("influx.url", "127.0.0.1:8086");
        assertRejected("influx.database", "hw; DROP DATABASE x");
        assertRejected("influx.retention-policy", "30-days");
        assertRejected("checkpoint.interval-ms", "10");
        assertRejected("flink.rest.port", "eighty");
        assertRejected("parallelism", "0");
        assertRejected("flink.buffer-timeout-ms", "-5");
        assertRejected("checkpoint.dir", "hdfs://name node/checkpoints");
    }

    @Test
    void checkpointDirIsALocalDirectoryMadeAbsoluteOrAFileSystemUri() {
        Path registry = TestRegistry.write(dir);
        assertThat(StreamJobsConfig.from(settings(Map.of("registry.file", registry.toString()))).checkpointDir())
                .isEqualTo(Path.of(".run/flink-checkpoints").toAbsolutePath().toUri().toString());
        assertThat(StreamJobsConfig.from(settings(Map.of("registry.file", registry.toString(),
                "checkpoint.dir", dir.resolve("cp").toString()))).checkpointDir())
                .isEqualTo(dir.resolve("cp").toUri().toString());
        assertThat(StreamJobsConfig.from(settings(Map.of("registry.file", registry.toString(),
                "checkpoint.dir", "hdfs://namenode:8020/flink/checkpoints"))).checkpointDir())
                .isEqualTo("hdfs://namenode:8020/flink/checkpoints");
    }

    @Test
    void bufferTimeoutIsTenMillisecondsUnlessSet() throws Exception {
        Path registry = TestRegistry.write(dir);
        assertThat(StreamJobsConfig.from(settings(Map.of("registry.file", registry.toString()))).bufferTimeoutMs())
                .isEqualTo(10);
        assertThat(StreamJobsConfig.from(settings(Map.of("registry.file", registry.toString(),
                "flink.buffer-timeout-ms", "0"))).bufferTimeoutMs()).isZero();
    }

    @Test
    void historyJobHasAConsumerGroupOfItsOwnNamedAfterTheDetectionGroupUnlessSet() {
        Path registry = TestRegistry.write(dir);
        StreamJobsConfig derived = StreamJobsConfig.from(settings(Map.of("registry.file", registry.toString(),
                "stream.group-id", "site-a")));
        assertThat(derived.historyGroupId()).isEqualTo("site-a-history");
        assertThat(derived.heartbeatsTopic()).isEqualTo(Topics.HEARTBEATS);
        assertThat(StreamJobsConfig.from(settings(Map.of("registry.file", registry.toString(),
                "stream.history-group-id", "store-writers"))).historyGroupId()).isEqualTo("store-writers");
        assertRejected("stream.history-group-id", "hazardwatch-stream-jobs");
        assertRejected("topic.heartbeats", "heart beats");
    }

    private void assertRejected(String key, String value) {
        Map<String, String> values = new HashMap<>();
        values.put("registry.file", TestRegistry.write(dir).toString());
        values.put(key, value);
        assertThatThrownBy(() -> StreamJobsConfig.from(settings(values)))
                .as("%s=%s", key, value)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ":");
    }

    private static Settings settings(Map<String, String> values) {
        return Settings.of(values);
    }
}
