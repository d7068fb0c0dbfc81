package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.deploy.DeployScript;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar that `mvn package` builds for clusters (stream-jobs-*-job.jar) runs on a real Flink session
 * cluster — a JobManager and a TaskManager in their own processes, started by deploy/flink-cluster.sh from
 * Flink's jars alone — as two jobs: detection raises alarms from readings on Kafka, history stores the readings.
 */
@Timeout(240)
class FlinkClusterSubmissionIT {

    private static final Path SCRIPT = Path.of("flink-cluster.sh").toAbsolutePath();
    private static Map<String, String> env;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startSessionCluster() throws Exception {
        env = Map.of(
                "HW_STATE", dir.resolve("state").toString(),
                "HW_FLINK_CLUSTER_REST_PORT", Integer.toString(FreePort.find()),
                "HW_FLINK_CLUSTER_RPC_PORT", Integer.toString(FreePort.find()));
        String out = script("up");
        assertThat(out).contains("Flink session cluster ready");
    }

    @AfterAll
    static void stopSessionCluster() throws Exception {
        if (env != null) {
            script("down");
        }
        HttpClient.newHttpClient().send(TestEnv.influxRequest(URI.create(TestEnv.influxUrl() + "/query?q=DROP+DATABASE+cluster_it"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void theJobJarSubmittedWithFlinkRunRaisesAlarmsFromKafka() throws Exception {
        String readings = KafkaTestTopics.create("cluster.readings", 2);
        String alarms = KafkaTestTopics.create("cluster.alarms", 1);
        Path config = dir.resolve("job.properties");
        Files.writeString(config, String.join("\n",
                "kafka.bootstrap=" + TestEnv.kafkaBootstrap(),
                "registry.file=" + TestRegistry.write(dir).toAbsolutePath(),
                "topic.readings=" + readings,
                "topic.alarms=" + alarms,
                "topic.rules=" + KafkaTestTopics.create("cluster.rules", 1),
                "stream.group-id=" + readings,
                "influx.url=" + TestEnv.influxUrl(),
                "influx.database=cluster_it",
                TestEnv.influxLoginSettings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining("\n")),
                "checkpoint.interval-ms=2000",
                "checkpoint.dir=" + dir.resolve("checkpoints").toAbsolutePath()));

        String submitted = script("submit", config.toString());
        Matcher jobId = Pattern.compile("JobID ([0-9a-f]{32})").matcher(submitted);
        assertThat(jobId.results().count()).as("detection and history job in flink run's output: %s", submitted)
                .isEqualTo(2);

        produceLeak(readings);

        List<AlarmEvent> events = KafkaTestTopics.readUntil(alarms, rs -> rs.size() >= 2, Duration.ofSeconds(90))
                .stream().map(r -> Json.fromBytes(r.value(), AlarmEvent.class)).toList();
        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level).containsExactly(
                tuple(AlarmTransition.RAISED, AlarmLevel.FIRST), tuple(AlarmTransition.ESCALATED, AlarmLevel.SECOND));
        assertThat(events.get(0).alarmKey()).isEqualTo("ent-a/tank-1/lel-1/THRESHOLD");
        assertThat(awaitStoredReadings(5)).as("readings the history job stored in InfluxDB").isEqualTo(5);
    }

    private static long awaitStoredReadings(long expected) throws Exception {
        URI count = URI.create(TestEnv.influxUrl() + "/query?db=cluster_it&q="
                + java.net.URLEncoder.encode("SELECT count(value) FROM reading", StandardCharsets.UTF_8));
        Pattern value = Pattern.compile("\\[\"[^\"]+\",(\\d+)\\]");
        long stored = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stored < expected && System.nanoTime() < deadline) {
            String body = HttpClient.newHttpClient().send(TestEnv.influxRequest(count).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = value.matcher(body);
            stored = m.find() ? Long.parseLong(m.group(1)) : 0;
            if (stored < expected) {
                Thread.sleep(500);
            }
        }
        return stored;
    }

    private static void produceLeak(String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEnv.kafkaBootstrap());
        TestEnv.kafkaClientAuth().addTo(props);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        Instant start = Instant.now().minusSeconds(10);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            double[] leak = {5, 15, 30, 45, 55};
            for (int i = 0; i < leak.length; i++) {
                Reading reading = new Reading(Reading.SCHEMA, "ent-a", "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS,
                        leak[i], "%LEL", start.plusSeconds(i), start.plusSeconds(i));
                producer.send(new ProducerRecord<>(topic, reading.sensorKey().toString(), Json.toBytes(reading)));
            }
        }
    }

    private static String script(String... args) throws IOException, InterruptedException {
        return DeployScript.run(SCRIPT, env, args);
    }
}
