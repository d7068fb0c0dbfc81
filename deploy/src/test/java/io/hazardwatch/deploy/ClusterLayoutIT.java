package io.hazardwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole cluster layout as an operator starts it (deploy/cluster/up.sh on a state directory of its own, with none
 * of the tests' shared-stack settings): a leak published through the balancer reaches the board through the balancer;
 * then one kill -9 at a time — a gateway, the active alert service, a Kafka node, a TaskManager — each followed by a
 * new leak that must reach the board as its level-2 alarm with exactly one incident; with a Kafka node down the
 * board's Kafka stage says the cluster is short of replicas; down.sh stops every process.
 * The short version of bench/cluster-faults.sh, which adds a fleet load, counts, and times; each part's own IT
 * (KafkaClusterIT, FlinkHaIT, GatewayFailoverIT, AlertFailoverIT) checks its kill in detail.
 */
@Timeout(value = 480, unit = TimeUnit.SECONDS)
class ClusterLayoutIT {

    private static final Path CLUSTER = Path.of("cluster").toAbsolutePath();
    private static final String BOARD = "http://127.0.0.1:28280";
    private static final String MQTT = "tcp://127.0.0.1:21883";
    private static final int[] ALERT_PORTS = {28281, 28282};
    private static final String DUTY = "Basic " + Base64.getEncoder().encodeToString("duty:duty-local".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A demo sensor (deploy/config/registry.yaml), its gateway's login and a reading above its second level. */
    private record Leak(String enterprise, String device, String sensor, String username, String password, double value) {
        String alarmKey() {
            return enterprise + "/" + device + "/" + sensor + "/THRESHOLD";
        }
    }

    private static final Leak BEFORE_ANY_FAULT = new Leak("hengda-chemicals", "tank-farm-a", "lel-01", "hengda-chemicals-gw", "demo-chem-pass", 80);
    private static final Leak AFTER_GATEWAY = new Leak("hengda-chemicals", "tank-farm-a", "lel-02", "hengda-chemicals-gw", "demo-chem-pass", 80);
    private static final Leak AFTER_ALERT_SERVICE = new Leak("binhai-cold-chain", "machine-room-1", "nh3-01", "binhai-cold-chain-gw", "demo-ammonia-pass", 120);
    private static final Leak AFTER_KAFKA_NODE = new Leak("binhai-cold-chain", "machine-room-1", "nh3-02", "binhai-cold-chain-gw", "demo-ammonia-pass", 120);
    private static final Leak AFTER_TASKMANAGER = new Leak("jinhua-powder", "dust-collector-1", "co-01", "jinhua-powder-gw", "demo-dust-pass", 90);

    private final Path state = Path.of("target", "cluster-layout-it-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    private final Map<String, String> env = new HashMap<>();
    private final Thread downAtExit = new Thread(this::downQuietly, "cluster-layout-down");
    private final List<String> report = new ArrayList<>();

    @AfterEach
    void down() {
        downQuietly();
        Runtime.getRuntime().removeShutdownHook(downAtExit);
        report.forEach(line -> System.out.println("[ClusterLayoutIT] " + line));
    }

    @Test
    void leaksReachTheBoardThroughEveryKillOfOnePart() throws Exception {
        env.put("HW_CLUSTER_STATE", state.toString());
        env.put("HW_NO_BUILD", "1");
        Runtime.getRuntime().addShutdownHook(downAtExit);
        long t0 = System.nanoTime();
        script("up.sh", 360);
        report.add(String.format("up.sh: the whole layout ready in %.0f s", (System.nanoTime() - t0) / 1e9));

        leakReachesTheBoard(BEFORE_ANY_FAULT, "no fault");

        script("gateways.sh", 60, "kill", "1");
        leakReachesTheBoard(AFTER_GATEWAY, "gateway gw-1 killed");

        int active = activeAlertService();
        script("alerts.sh", 60, "kill", Integer.toString(active));
        leakReachesTheBoard(AFTER_ALERT_SERVICE, "active alert service alerts-" + active + " killed");
        assertThat(activeAlertService()).as("the standby took over").isNotEqualTo(active);

        script("kafka.sh", 60, "kill", "2");
        leakReachesTheBoard(AFTER_KAFKA_NODE, "Kafka node 2 killed");
        // the cluster still serves, but one more loss would stop its writes: the duty room's board says so
        long shortSince = System.nanoTime();
        await("the board's Kafka stage DEGRADED, naming broker 2", 60,
                () -> kafkaStage().map(k -> "DEGRADED".equals(k.path("state").asText())
                        && k.path("reason").asText().contains("broker 2 out of sync")).orElse(false));
        report.add(String.format("Kafka node 2 killed: the board's Kafka stage DEGRADED after %.1f s",
                (System.nanoTime() - shortSince) / 1e9));

        script("flink.sh", 60, "kill", "taskmanager-1");
        leakReachesTheBoard(AFTER_TASKMANAGER, "TaskManager 1 killed");

        // every alarm once: the takeover and the restarts neither lost an incident nor opened a second one
        JsonNode incidents = get("/api/incidents");
        for (Leak leak : List.of(BEFORE_ANY_FAULT, AFTER_GATEWAY, AFTER_ALERT_SERVICE, AFTER_KAFKA_NODE, AFTER_TASKMANAGER)) {
            int opened = 0;
            for (JsonNode incident : incidents) {
                if (leak.alarmKey().equals(incident.path("alarm").path("alarmKey").asText())) {
                    opened++;
                }
            }
            assertThat(opened).as("incidents for %s", leak.alarmKey()).isEqualTo(1);
        }

        script("down.sh", 120);
        for (int port : new int[] {21883, 28280, 28281, 28282, 28181, 28182, 29092, 29093, 29094, 28088, 22181, 28086}) {
            assertThat(listening(port)).as("port %d closed after down.sh", port).isFalse();
        }
    }

    /** Readings above the second level once a second through the balancer until the board shows the alarm. */
    private void leakReachesTheBoard(Leak leak, String after) throws Exception {
        long start = System.nanoTime();
        boolean shown = false;
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 60 && !shown; i++) {
            published.add(publish(leak));
            shown = secondLevelOnBoard(leak);
            if (!shown) {
                Thread.sleep(1_000);
            }
        }
        for (int i = 0; i < 30 && !shown; i++) {
            Thread.sleep(1_000);
            shown = secondLevelOnBoard(leak);
        }
        if (!shown) {
            // a CI run keeps only this output: say what each publish got and what every process logged last
            assertThat(shown).as("%s: level-2 alarm of %s on the board through the balancer; publishes: %s;"
                    + " the processes' last telling log lines:%s", after, leak.alarmKey(), summary(published),
                    ClusterLogs.tail(state, 12)).isTrue();
        }
        report.add(String.format("%s: leak on %s on the board %.1f s after its first reading", after, leak.sensor(),
                (System.nanoTime() - start) / 1e9));
    }

    /** "3× PUBACKed, 2× ..." in the order the outcomes first came. */
    private static String summary(List<String> outcomes) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        outcomes.forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((outcome, count) -> parts.add(count + "× " + outcome));
        return String.join(", ", parts);
    }

    /**
     * One reading, QoS 1, through the balancer; a refused or lost connection is retried by the next call. Returns
     * what it got: "PUBACKed" or the reason it failed.
     */
    private static String publish(Leak leak) {
        boolean acknowledged = false;
        try {
            MqttClient client = new MqttClient(MQTT, "cluster-it-" + leak.sensor(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(leak.username());
            options.setPassword(leak.password().toCharArray());
            options.setConnectionTimeout(5);
            client.setTimeToWait(10_000);
            try {
                client.connect(options);
                String body = "{\"sensor\":\"" + leak.sensor() + "\",\"value\":" + leak.value() + "}";
                client.publish("hazardwatch/v1/" + leak.enterprise() + "/" + leak.device() + "/readings",
                        body.getBytes(StandardCharsets.UTF_8), 1, false);
                acknowledged = true;
                client.disconnect(1_000);
            } finally {
                client.close(true);
            }
        } catch (MqttException e) {
            // the balancer may still send this connection to the part that died; the next reading goes on
            if (!acknowledged) {
                return "failed (" + e.getReasonCode() + " " + e.getMessage() + ")";
            }
        }
        return "PUBACKed";
    }

    /** The Kafka stage of the board's monitoring view (through the balancer), if the board answers. */
    private static java.util.Optional<JsonNode> kafkaStage() {
        try {
            List<JsonNode> found = new ArrayList<>();
            collectStages(get("/api/monitoring"), found);
            return found.stream().filter(stage -> "KAFKA".equals(stage.path("stage").asText())).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static void collectStages(JsonNode node, List<JsonNode> found) {
        if (node.has("stage") && node.has("state")) {
            found.add(node);
        }
        node.forEach(child -> collectStages(child, found));
    }

    private static boolean secondLevelOnBoard(Leak leak) {
        try {
            for (JsonNode alarm : get("/api/alarms/active")) {
                if (leak.alarmKey().equals(alarm.path("alarmKey").asText()) && "SECOND".equals(alarm.path("level").asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // no active alert service behind the balancer yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(BOARD + path)).header("Authorization", DUTY)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException(path + ": HTTP " + answer.statusCode());
        }
        return JSON.readTree(answer.body());
    }

    /** The alert service instance (1-based) whose /ready answers 200, waiting up to 30 s for one. */
    private static int activeAlertService() throws InterruptedException {
        int[] active = {0};
        await("an active alert service", 30, () -> {
            for (int i = 0; i < ALERT_PORTS.length; i++) {
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ALERT_PORTS[i] + "/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        active[0] = i + 1;
                        return true;
                    }
                } catch (IOException e) {
                    // that one is down
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        });
        return active[0];
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %d s", what, seconds).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String script(String name, int seconds, String... args) throws IOException, InterruptedException {
        return DeployScript.run(CLUSTER.resolve(name), env, true, seconds, args);
    }

    private void downQuietly() {
        try {
            DeployScript.run(CLUSTER.resolve("down.sh"), env, true, 120);
        } catch (Exception | AssertionError e) {
            System.err.println("[ClusterLayoutIT] down.sh: " + e.getMessage());
        }
    }
}
