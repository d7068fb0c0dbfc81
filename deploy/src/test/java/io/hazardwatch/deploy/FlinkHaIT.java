package io.hazardwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster layout's Flink (deploy/cluster/flink.sh: ZooKeeper, two JobManagers with HA — a leader and a standby —
 * and 2 TaskManagers) keeps the detection job through a kill -9 of its leading JobManager — the standby becomes leader
 * by itself, takes the same jobs from ZooKeeper and restores them from their latest checkpoints, so an alarm raised
 * before the kill escalates after it, and Flink's client finds it — and through a kill -9 of a TaskManager that ran
 * the job's tasks: it restarts from the last checkpoint on the other one. The killed JobManager is not started again.
 * Against the shared Kafka (fresh topics, the jobs logged in as `jobs`) and the shared InfluxDB (history job).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FlinkHaIT {

    private static final Path SCRIPT = Path.of("cluster/flink.sh").toAbsolutePath();
    /** REST of jobmanager-1 and jobmanager-2 (deploy/cluster/cluster-lib.sh): either answers for the leader. */
    private static final Map<String, String> REST = Map.of("jobmanager-1", "http://127.0.0.1:28088",
            "jobmanager-2", "http://127.0.0.1:28087");
    private static final Pattern LEADER = Pattern.compile("leader: (jobmanager-\\d) ");
    private static final String DATABASE = "flink_ha_it";
    private static final String ALARM_KEY = "ent-a/tank-1/lel-1/THRESHOLD";

    private final Path state = Path.of("target", "flink-ha-it-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    private final Map<String, String> env = new HashMap<>();
    private FlinkRest flink = new FlinkRest(REST.get("jobmanager-1"));
    private final List<AclBinding> grants = new ArrayList<>();
    private final Thread stopOnExit = new Thread(this::stopCluster);

    @AfterEach
    void cleanUp() throws Exception {
        stopCluster();
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        if (!grants.isEmpty()) {
            try (Admin admin = Admin.create(TestEnv.kafkaClientProperties())) {
                admin.deleteAcls(grants.stream().map(AclBinding::toFilter).toList()).all().get(30, TimeUnit.SECONDS);
            }
        }
        HttpClient.newHttpClient().send(TestEnv.influxRequest(URI.create(TestEnv.influxUrl() + "/query?q=DROP+DATABASE+" + DATABASE))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void theDetectionJobOutlivesAJobManagerAndATaskManagerKilledWithoutResubmission() throws Exception {
        String readings = KafkaTestTopics.create("ha.readings", 2);
        String alarms = KafkaTestTopics.create("ha.alarms", 1);
        Path config = jobConfig(readings, alarms);
        startCluster();
        String submitted = script("submit", config.toString());
        assertThat(Pattern.compile("JobID [0-9a-f]{32}").matcher(submitted).results().count())
                .as("both jobs submitted: %s", submitted).isEqualTo(2);
        Map<String, String> jobs = flink.jobIdsByName();
        String detection = jobs.get("hazardwatch-detection");
        String history = jobs.get("hazardwatch-history");
        assertThat(detection).as("jobs on the cluster: %s", jobs).isNotNull();
        assertThat(history).as("jobs on the cluster: %s", jobs).isNotNull();

        // GIVEN an alarm raised (FIRST level) and a checkpoint taken after it
        Instant start = Instant.now();
        produce(readings, start, 5, 15, 30);
        assertThat(alarmTransitions(alarms, 1)).containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.FIRST));
        long taken = flink.completedCheckpoints(detection);
        await("two more checkpoints of the detection job", 30, () -> flink.completedCheckpoints(detection) >= taken + 2);
        await("a checkpoint of the history job", 30, () -> flink.completedCheckpoints(history) >= 1);

        // WHEN the leading JobManager dies while the standby runs
        String leader = leaderIn(script("status"));
        String standby = leader.equals("jobmanager-1") ? "jobmanager-2" : "jobmanager-1";
        flink = new FlinkRest(REST.get(standby));
        long killedAt = System.currentTimeMillis();
        script("kill", leader);
        // THEN the standby runs the same jobs by itself, restored from a checkpoint, and leads
        await("both jobs RUNNING again on " + standby + ", restored", 90, () -> restoredAndRunning(detection, killedAt)
                && restoredAndRunning(history, killedAt));
        report("leading JobManager kill -9 → standby leads, both jobs RUNNING again, restored from a checkpoint", killedAt);
        assertThat(flink.jobIdsByName()).containsEntry("hazardwatch-detection", detection)
                .containsEntry("hazardwatch-history", history).hasSize(2);
        String status = script("status");
        assertThat(leaderIn(status)).as(status).isEqualTo(standby);
        String killed = leader.equals("jobmanager-1") ? "flink-jobmanager" : "flink-jobmanager-2";
        assertThat(status).contains(killed + ": not running");
        // AND Flink's client finds the new leader through ZooKeeper
        assertThat(script("cli", "list", "-r")).contains(detection + " : hazardwatch-detection (RUNNING)")
                .contains(history + " : hazardwatch-history (RUNNING)");

        // AND the restored state goes on: the raised alarm escalates rather than being raised again
        produce(readings, start.plusSeconds(3), 45, 55);
        assertThat(alarmTransitions(alarms, 2)).containsExactly(
                tuple(AlarmTransition.RAISED, AlarmLevel.FIRST), tuple(AlarmTransition.ESCALATED, AlarmLevel.SECOND));

        // WHEN a TaskManager that runs detection tasks dies
        String victim = flink.taskManagersOf(detection).stream().sorted().findFirst().orElseThrow();
        long tmKilledAt = System.currentTimeMillis();
        script("kill", victim);
        // THEN the job restarts from its last checkpoint on the other TaskManager
        await("detection RUNNING again, restored, without " + victim, 90,
                () -> restoredAndRunning(detection, tmKilledAt) && !flink.taskManagersOf(detection).contains(victim));
        report("TaskManager kill -9 → detection RUNNING again on the other TaskManager, restored", tmKilledAt);
        await("history RUNNING", 60, () -> flink.allTasksRunning(history));
        assertThat(flink.taskManagersOf(history)).doesNotContain(victim);
        await(victim + " no longer registered", 30, () -> !flink.taskManagers().contains(victim));
        assertThat(flink.taskManagers()).hasSize(1);
    }

    /** The leading JobManager as `flink.sh status` names it (only the leader runs a ResourceManager). */
    private static String leaderIn(String status) {
        return LEADER.matcher(status).results().map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new AssertionError("no leader in flink.sh status:\n" + status));
    }

    private boolean restoredAndRunning(String job, long since) {
        return flink.restoredAt(job).filter(at -> at >= since).isPresent() && flink.allTasksRunning(job);
    }

    private static void report(String what, long since) {
        System.out.printf("FlinkHaIT: %s in %.1f s%n", what, (System.currentTimeMillis() - since) / 1000.0);
    }

    /** (transition, level) of the leaking sensor's threshold alarm events, once there are {@code expected} of them. */
    private static List<Tuple> alarmTransitions(String alarms, int expected) {
        List<byte[]> values = KafkaTestTopics.readUntil(alarms, rs -> ours(rs.stream().map(r -> r.value()).toList()).size() >= expected,
                Duration.ofSeconds(60)).stream().map(r -> r.value()).toList();
        return ours(values).stream().map(e -> tuple(e.transition(), e.level())).toList();
    }

    /** The threshold alarm of the leaking gas sensor (the registry's other sensors may go offline meanwhile). */
    private static List<AlarmEvent> ours(List<byte[]> values) {
        return values.stream().map(v -> Json.fromBytes(v, AlarmEvent.class)).filter(e -> e.alarmKey().equals(ALARM_KEY)).toList();
    }

    private Path jobConfig(String readings, String alarms) throws IOException {
        Files.createDirectories(state);
        String rules = KafkaTestTopics.create("ha.rules", 1);
        String heartbeats = KafkaTestTopics.create("ha.heartbeats", 1);
        grantJobs(readings, rules, alarms, heartbeats);
        Path config = state.resolve("jobs.properties");
        Files.writeString(config, String.join("\n",
                "registry.file=" + TestRegistry.write(state).toAbsolutePath(),
                "topic.readings=" + readings,
                "topic.alarms=" + alarms,
                "topic.rules=" + rules,
                "topic.heartbeats=" + heartbeats,
                // a group the `jobs` principal may use (hazardwatch-stream-jobs*)
                "stream.group-id=hazardwatch-stream-jobs-ha-it-" + UUID.randomUUID().toString().substring(0, 8),
                "influx.url=" + TestEnv.influxUrl(),
                "influx.database=" + DATABASE,
                TestEnv.influxLoginSettings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n")),
                "checkpoint.interval-ms=1000"));
        return config;
    }

    /** The `jobs` principal's ACLs on this test's fresh topics (it holds them on the stack's own topics only). */
    private void grantJobs(String readings, String rules, String alarms, String heartbeats) {
        if (System.getenv("HW_KAFKA_CLIENT_PROPERTIES") == null) {
            return; // a broker without logins
        }
        for (String topic : List.of(readings, rules)) {
            grants.add(allowJobs(topic, AclOperation.READ));
            grants.add(allowJobs(topic, AclOperation.DESCRIBE));
        }
        for (String topic : List.of(alarms, heartbeats)) {
            grants.add(allowJobs(topic, AclOperation.WRITE));
            grants.add(allowJobs(topic, AclOperation.DESCRIBE));
        }
        try (Admin admin = Admin.create(TestEnv.kafkaClientProperties())) {
            admin.createAcls(grants).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot grant the jobs principal its ACLs on the test topics", e);
        }
    }

    private static AclBinding allowJobs(String topic, AclOperation op) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + ServiceAcls.JOBS, "*", op, AclPermissionType.ALLOW));
    }

    private void startCluster() throws Exception {
        env.put("HW_CLUSTER_STATE", state.toString());
        env.put("HW_CLUSTER_KAFKA_BOOTSTRAP", TestEnv.kafkaBootstrap());
        String login = System.getenv("HW_KAFKA_CLIENT_PROPERTIES");
        // the directory of the test run's Kafka login files holds the `jobs` principal's too
        env.put("HW_CLUSTER_KAFKA_SECRETS", login == null ? state.resolve("no-secrets").toString()
                : Path.of(login).toAbsolutePath().getParent().toString());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        assertThat(script("up")).contains("Flink HA session cluster ready");
    }

    private void stopCluster() {
        if (env.isEmpty()) {
            return;
        }
        try {
            script("down");
        } catch (Exception | AssertionError e) {
            System.err.println("FlinkHaIT: flink.sh down failed: " + e.getMessage());
        }
    }

    private static void produce(String topic, Instant start, double... values) {
        Properties props = TestEnv.kafkaClientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.length; i++) {
                Instant at = start.plusSeconds(i);
                Reading reading = new Reading(Reading.SCHEMA, TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE, TestRegistry.ENT_A_GAS,
                        SensorType.COMBUSTIBLE_GAS, values[i], "%LEL", at, at);
                producer.send(new ProducerRecord<>(topic, reading.sensorKey().toString(), Json.toBytes(reading)));
            }
        }
    }

    private static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %d s", what, seconds).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private String script(String... args) throws IOException, InterruptedException {
        return DeployScript.run(SCRIPT, env, args);
    }
}
