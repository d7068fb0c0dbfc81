package io.hazardwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.ingest.IngestApp;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.streamjobs.app.LocalJobs;
import io.hazardwatch.streamjobs.app.LocalMain;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The whole stack for an end-to-end test, on the shared Kafka and InfluxDB: the ingest gateway (MQTT), the
 * alert service (with its own users file and fresh incident topics) and the Flink job on a local
 * MiniCluster, all on fresh topics and a fresh InfluxDB database, which {@link #close()} drops again.
 */
final class LocalStack implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Vertx vertx;
    private IngestApp ingest;
    private AlertServiceApp alerts;
    private LocalJobs jobs;
    private final String influxDatabase;
    private Map<String, String> alertSettings;
    private StreamJobsConfig jobConfig;
    private String alarmsTopic;

    private LocalStack(Vertx vertx, String influxDatabase) {
        this.vertx = vertx;
        this.influxDatabase = influxDatabase;
    }

    /**
     * The jobs' settings with their checkpoints in the test's directory (not in the module's working directory) and,
     * unless given, a fresh heartbeats topic.
     */
    static Map<String, String> withCheckpointsIn(Path dir, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("checkpoint.dir", dir.resolve("checkpoints").toString());
        // the jobs' heartbeats too stay out of the shared default topic
        all.putIfAbsent("topic.heartbeats", KafkaTestTopics.create("e2e.heartbeats", 1));
        return all;
    }

    /** These settings with the shared InfluxDB's login, if it has one (issue 16). */
    static Map<String, String> withInfluxLogin(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(TestEnv.influxLoginSettings());
        return all;
    }

    /**
     * Starts everything with the registry and users given as file contents; {@code prefix} names the topics
     * (e.g. "e2e" gives e2e.readings, e2e.alarms...).
     */
    static LocalStack start(Path dir, String prefix, String registryYaml, String usersYaml) throws Exception {
        return start(dir, prefix, registryYaml, usersYaml,
                "escalation:\n  steps:\n    - {role: GRID_MEMBER, after: PT0S}\n", Map.of());
    }

    /**
     * As above, with the alert service's alerting policy file given as its content, and settings of the alert
     * service added to (or replacing) the stack's.
     */
    static LocalStack start(Path dir, String prefix, String registryYaml, String usersYaml, String policyYaml,
                            Map<String, String> alertServiceSettings) throws Exception {
        String readings = KafkaTestTopics.create(prefix + ".readings", 2);
        String alarms = KafkaTestTopics.create(prefix + ".alarms", 2);
        String deadLetter = KafkaTestTopics.create(prefix + ".deadletter", 1);
        // every stage's heartbeats on one fresh topic, which the alert service's watchdog reads
        String heartbeats = KafkaTestTopics.create(prefix + ".heartbeats", 1);
        String influxDatabase = prefix.replaceAll("[^A-Za-z0-9_]", "_") + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String registry = Files.writeString(dir.resolve("registry.yaml"), registryYaml).toString();
        Path users = Files.writeString(dir.resolve("users.yaml"), usersYaml);
        Path policy = Files.writeString(dir.resolve("alerting.yaml"), policyYaml);
        LocalStack stack = new LocalStack(Vertx.vertx(), influxDatabase);
        try {
            stack.ingest = IngestApp.start(stack.vertx, IngestConfig.from(Settings.of(Map.of(
                    "mqtt.port", "0", "http.port", "0", "kafka.bootstrap", TestEnv.kafkaBootstrap(),
                    "registry.file", registry, "topic.readings", readings, "topic.deadletter", deadLetter,
                    "topic.heartbeats", heartbeats)))).await();
            stack.alarmsTopic = alarms;
            Map<String, String> alertSettings = new HashMap<>(Map.ofEntries(
                    Map.entry("alert.http.port", "0"), Map.entry("kafka.bootstrap", TestEnv.kafkaBootstrap()),
                    Map.entry("registry.file", registry), Map.entry("topic.alarms", alarms),
                    Map.entry("alert.users.file", users.toString()), Map.entry("alert.policy.file", policy.toString()),
                    Map.entry("topic.incident-state", KafkaTestTopics.create(prefix + ".incident-state", 1)),
                    Map.entry("topic.incident-events", KafkaTestTopics.create(prefix + ".incident-events", 1)),
                    Map.entry("influx.url", TestEnv.influxUrl()), Map.entry("influx.database", influxDatabase),
                    Map.entry("topic.deadletter", deadLetter), Map.entry("topic.heartbeats", heartbeats)));
            // no daily safety commitment asked unless a test asks for it (else a COMMITMENT_MISSING incident per
            // enterprise after the park's 09:00)
            alertSettings.put("commitments.required", "false");
            alertSettings.putAll(TestEnv.influxLoginSettings()); // issue 16: the shared InfluxDB's login, if any
            alertSettings.putAll(alertServiceSettings);
            stack.alertSettings = Map.copyOf(alertSettings);
            stack.alerts = AlertServiceApp.start(stack.vertx, AlertServiceConfig.from(Settings.of(stack.alertSettings)))
                    .await();

            StreamJobsConfig jobConfig = StreamJobsConfig.from(Settings.of(withInfluxLogin(withCheckpointsIn(dir, Map.ofEntries(
                    Map.entry("kafka.bootstrap", TestEnv.kafkaBootstrap()), Map.entry("registry.file", registry),
                    Map.entry("topic.readings", readings), Map.entry("topic.alarms", alarms),
                    Map.entry("stream.group-id", prefix + "-" + UUID.randomUUID()),
                    Map.entry("topic.rules", KafkaTestTopics.create(prefix + ".rules", 1)),
                    Map.entry("topic.heartbeats", heartbeats),
                    Map.entry("influx.url", TestEnv.influxUrl()), Map.entry("influx.database", influxDatabase),
                    Map.entry("checkpoint.interval-ms", "2000"),
                    Map.entry("flink.rest.port", Integer.toString(FreePort.find())))))));
            // detection and history store, two jobs in one embedded cluster, as one-machine mode runs them
            stack.jobConfig = jobConfig;
            stack.jobs = LocalJobs.start(LocalMain.localCluster(jobConfig), jobConfig);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** A stack of parts started elsewhere (e.g. on a broker of the test's own), to publish to and close. */
    static LocalStack of(Vertx vertx, String influxDatabase, IngestApp ingest, AlertServiceApp alerts, LocalJobs jobs) {
        LocalStack stack = new LocalStack(vertx, influxDatabase);
        stack.ingest = ingest;
        stack.alerts = alerts;
        stack.jobs = jobs;
        return stack;
    }

    int mqttPort() {
        return ingest.mqttPort();
    }

    int alertPort() {
        return alerts.httpPort();
    }

    String influxDatabase() {
        return influxDatabase;
    }

    /** The topic the job writes alarm events to and the alert service reads them from. */
    String alarmsTopic() {
        return alarmsTopic;
    }

    /** Something done while the alert service is down. */
    interface WhileDown {
        void run() throws Exception;
    }

    /**
     * Stops the alert service, runs {@code whileDown}, and starts a new one on the same HTTP port with the same
     * topics, as a restart of the service process would (it resumes from its incident-state topic).
     */
    void restartAlertService(WhileDown whileDown) throws Exception {
        int port = alerts.httpPort();
        alerts.stop().await();
        alerts = null;
        whileDown.run();
        Map<String, String> samePort = new HashMap<>(alertSettings);
        samePort.put("alert.http.port", Integer.toString(port));
        alerts = AlertServiceApp.start(vertx, AlertServiceConfig.from(Settings.of(samePort))).await();
    }

    /** Stops both Flink jobs and their embedded cluster, as the death of the jobs' process would. */
    void stopJobs() throws Exception {
        jobs.close();
        jobs = null;
    }

    /** Starts the jobs again (from the readings topic's committed offsets), as run-local.sh would after a crash. */
    void startJobs() throws Exception {
        jobs = LocalJobs.start(LocalMain.localCluster(jobConfig), jobConfig);
    }

    /**
     * Publishes readings of {@code ent-a}'s device {@code tank-1} over MQTT at QoS 1 as its gateway login, one second
     * apart from {@code start}; returns when the first went out (epoch ms): an alarm comes from one of them, so nothing
     * of it can be seen before that.
     */
    long publish(String sensor, double[] values, Instant start) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + mqttPort(),
                "e2e-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(TestRegistry.ENT_A_USER);
        options.setPassword(TestRegistry.PASSWORD.toCharArray());
        client.connect(options);
        long published = System.currentTimeMillis();
        for (int i = 0; i < values.length; i++) {
            DeviceMessage reading = DeviceMessage.reading(sensor, values[i],
                    sensor.equals(TestRegistry.ENT_A_TEMP) ? "degC" : "%LEL", start.plusSeconds(i));
            client.publish(Topics.mqttReadings(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE), Json.toBytes(reading), 1, false);
        }
        client.disconnect();
        client.close();
        return published;
    }

    /** An InfluxQL query on this stack's database; the answer's JSON. */
    JsonNode influxQuery(String query) {
        try {
            String url = TestEnv.influxUrl() + "/query?db=" + influxDatabase + "&q="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8);
            HttpResponse<String> response = HTTP.send(TestEnv.influxRequest(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("InfluxDB query failed: " + query, e);
        }
    }

    /** Polls {@code probe} every 250 ms until it gives a value; fails the test after {@code timeout}. */
    static <T> T await(Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + timeout);
    }

    @Override
    public void close() throws Exception {
        try {
            if (jobs != null) {
                jobs.close();
            }
            if (alerts != null) {
                alerts.stop().await();
            }
            if (ingest != null) {
                ingest.stop().await();
            }
        } finally {
            vertx.close().await();
            influxQuery("DROP DATABASE " + influxDatabase);
        }
    }
}
