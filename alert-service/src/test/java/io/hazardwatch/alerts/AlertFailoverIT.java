package io.hazardwatch.alerts;

import static io.hazardwatch.alerts.AlarmEvents.GAS_KEY;
import static io.hazardwatch.alerts.AlarmEvents.NH3_KEY;
import static io.hazardwatch.model.AlarmLevel.FIRST;
import static io.hazardwatch.model.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.AlarmStream;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18, active + standby: two alert services in their own JVMs, started by deploy/cluster/alerts.sh on fresh
 * topics of the shared broker, behind a real HAProxy with deploy/cluster/haproxy-board.cfg. The active one is killed
 * with kill -9 while an escalation step is about to fall due and a new alarm comes in: the standby takes over within
 * 10 s, no incident is lost, the step fires once, every transition reaches each recipient once, the duty room's
 * login and alarm stream carry on through the balancer, and the killed instance comes back as standby.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class AlertFailoverIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("deploy/cluster/alerts.sh");
    /** cluster-lib.sh's ports: the balancer's board, instance I on 28280 + I. */
    private static final int BOARD = 28280;
    private static final int[] INSTANCE_PORTS = {28281, 28282};
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(10);
    /** The grid leader's step falls due this long after an incident opens (the member's at once). */
    private static final long LEADER_AFTER_MS = 4_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path state = Path.of("target", "alert-failover-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    private final Map<String, String> env = new HashMap<>();

    @Test
    void theStandbyTakesOverAKilledActiveWithinTenSecondsLosingNothingAndSendingNothingTwice() throws Exception {
        Files.createDirectories(state);
        try (Webhook webhook = Webhook.start(); KafkaProducer<String, byte[]> producer = producer()) {
            prepare(webhook.url());
            Process balancer = null;
            Vertx vertx = Vertx.vertx();
            Thread cleanup = new Thread(this::downQuietly);
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                balancer = startBalancer();
                run(120, "up");
                int active = awaitActive(Duration.ofSeconds(30));
                int standby = 1 - active;
                System.out.printf("alert failover: alerts-%d is active, alerts-%d standby%n", active + 1, standby + 1);
                assertThat(get(INSTANCE_PORTS[standby], "/ready", null)).satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(r.body()).contains("standby");
                });
                assertThat(get(INSTANCE_PORTS[standby], "/health", null).statusCode()).isEqualTo(200);

                // GIVEN an incident on the active, its first step sent, the duty room logged in and streaming
                Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                String gas = Incident.idOf(GAS_KEY, start);
                send(producer, GAS_KEY, AlarmEvents.gas(RAISED, FIRST, 30, 25.0, start, start));
                await("the gas incident on the board", Duration.ofSeconds(20), () -> boardHas(GAS_KEY));
                await("the grid member's message", Duration.ofSeconds(20), () -> webhook.count(gas, "member-1") == 1);
                String cookie = login();
                SseClient stream = await(SseClient.connect(vertx, BOARD, "/api/alarms/stream", "duty",
                        TestFiles.PASSWORD));
                SseClient.Frame snapshot = stream.nextEvent(AlarmStream.SNAPSHOT, Duration.ofSeconds(10));
                assertThat(snapshot.data()).contains(GAS_KEY);

                // WHEN the active dies with its leader step due during the takeover, and a new alarm comes meanwhile
                long killed = System.nanoTime();
                run(30, "kill", Integer.toString(active + 1));
                Instant raisedB = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                String ammonia = Incident.idOf(NH3_KEY, raisedB);
                send(producer, NH3_KEY, AlarmEvents.ammonia(RAISED, FIRST, 30, 25.0, raisedB, raisedB));
                await("the standby's /ready 200", TAKEOVER_LIMIT.plusSeconds(20),
                        () -> status(INSTANCE_PORTS[standby], "/ready") == 200);
                double takeover = seconds(killed);
                await("the new incident on the board", Duration.ofSeconds(20), () -> boardHas(NH3_KEY));
                double firstNewIncident = seconds(killed);
                System.out.printf("alert failover: kill -9 -> standby /ready 200 in %.1f s, -> new incident on the"
                        + " board (through HAProxy) in %.1f s%n", takeover, firstNewIncident);

                // THEN both incidents are there and each step went out once (the 10 s bound is checked last, so
                // that a slow takeover still shows whether anything was lost)
                await("the grid leader's step of the gas incident (due during the takeover)", Duration.ofSeconds(20),
                        () -> webhook.count(gas, "leader-1") >= 1);
                await("the ammonia incident's steps", Duration.ofSeconds(20),
                        () -> webhook.count(ammonia, "member-2") >= 1 && webhook.count(ammonia, "leader-2") >= 1);
                Thread.sleep(2_000); // room for a duplicate to show
                assertThat(webhook.perTransitionAndRecipient()).as("messages per incident and recipient")
                        .containsEntry(gas + " -> member-1", 1L).containsEntry(gas + " -> leader-1", 1L)
                        .containsEntry(ammonia + " -> member-2", 1L).containsEntry(ammonia + " -> leader-2", 1L);
                assertThat(webhook.duplicateIds()).as("message ids delivered twice").isEmpty();

                // the duty room stays logged in and its stream resumes on the new active, through the balancer
                HttpResponse<String> me = get(BOARD, "/api/me", cookie);
                assertThat(me.statusCode()).as("the board session after the takeover").isEqualTo(200);
                assertThat(me.body()).contains("\"duty\"");
                assertThat(get(BOARD, "/ready", null).body()).contains("alerts-" + (standby + 1));
                // the standby that had the silent active dropped opened the store (its fence) while the group handed
                // it the role, instead of after its election
                assertThat(Files.readString(state.resolve("cluster").resolve("alerts-" + (standby + 1) + ".log")))
                        .contains("opening the incident store ahead")
                        .contains("(its incident store opening since the active was dropped)");
                String lastSeen = snapshot.id();
                stream.close();
                SseClient resumed = await(SseClient.connect(vertx, BOARD, "/api/alarms/stream", "duty",
                        TestFiles.PASSWORD, lastSeen));
                assertThat(resumed.nextEvent(AlarmStream.SNAPSHOT, Duration.ofSeconds(10)).data())
                        .contains(GAS_KEY).contains(NH3_KEY);
                resumed.close();

                // AND the killed instance, started again, is the standby
                run(120, "start", Integer.toString(active + 1));
                await("the restarted instance answering as standby", Duration.ofSeconds(20),
                        () -> status(INSTANCE_PORTS[active], "/ready") == 503);
                assertThat(get(INSTANCE_PORTS[active], "/ready", null).body()).contains("standby");
                assertThat(status(INSTANCE_PORTS[standby], "/ready")).isEqualTo(200);
                assertThat(get(INSTANCE_PORTS[standby], "/metrics", null).body())
                        .contains("hazardwatch_alerts_active{instance=\"alerts-" + (standby + 1) + "\"} 1.0");
                assertThat(takeover).as("seconds from kill -9 to the standby's /ready 200").isLessThanOrEqualTo(
                        TAKEOVER_LIMIT.toSeconds());
            } finally {
                downQuietly();
                if (balancer != null) {
                    balancer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                vertx.close();
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
    }

    /** Fresh topics, the test's registry, users and a policy with a 4 s leader step, all as alerts.sh's overrides. */
    private void prepare(String webhookUrl) throws IOException {
        Path secrets = Files.createDirectories(state.resolve("kafka-secrets"));
        String clientFile = System.getenv("HW_KAFKA_CLIENT_PROPERTIES");
        if (clientFile != null && !clientFile.isBlank()) {
            // fresh topics have no ACLs for the alerts principal: the instances log in as the test run's principal
            Files.createSymbolicLink(secrets.resolve("kafka-alerts.properties"), Path.of(clientFile).toAbsolutePath());
        }
        env.put("HW_CLUSTER_STATE", state.resolve("cluster").toString());
        env.put("HW_CLUSTER_KAFKA_BOOTSTRAP", TestEnv.kafkaBootstrap());
        env.put("HW_CLUSTER_KAFKA_SECRETS", secrets.toString());
        env.put("HW_CLUSTER_INFLUX_URL", TestEnv.influxUrl());
        env.put("HW_CLUSTER_INFLUX_SECRETS", state.resolve("no-influx-secrets").toString());
        env.put("HW_REGISTRY_FILE", TestRegistry.write(state).toString());
        env.put("HW_ALERT_USERS_FILE", TestFiles.write(state.resolve("users.yaml"), TestFiles.USERS).toString());
        env.put("HW_ALERT_POLICY_FILE", TestFiles.write(state.resolve("alerting.yaml"),
                TestFiles.policy(LEADER_AFTER_MS, 3_600_000, 3_600_000, 0)).toString());
        env.put("HW_ALERT_ROSTER_FILE", "");
        env.put("HW_ALERT_TICK_MS", "100");
        env.put("HW_COMMITMENTS_REQUIRED", "false");
        env.put("HW_INFLUX_INCIDENTS", "false");
        env.put("HW_REPORTS_DEMOAFTERMINUTES", "0");
        env.put("HW_ALERT_NOTIFY_CHANNELS", "push");
        env.put("HW_ALERT_NOTIFY_PUSH_URL", webhookUrl);
        env.put("HW_TOPIC_ALARMS", KafkaTestTopics.create("failover.alarms", 1));
        env.put("HW_TOPIC_INCIDENT_STATE", KafkaTestTopics.create("failover.incident-state", 1));
        env.put("HW_TOPIC_INCIDENT_EVENTS", KafkaTestTopics.create("failover.incident-events", 1));
        env.put("HW_TOPIC_ALERTS_LEADER", KafkaTestTopics.create("failover.alerts-leader", 1));
        env.put("HW_TOPIC_HEARTBEATS", KafkaTestTopics.create("failover.heartbeats", 1));
        env.put("HW_TOPIC_DEADLETTER", KafkaTestTopics.create("failover.deadletter", 1));
    }

    /** Runs alerts.sh with the test's environment; fails with its output unless it succeeds in time. */
    private void run(int seconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Path out = state.resolve("alerts-sh.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        builder.environment().remove("HW_INFLUX_USERNAME");
        builder.environment().remove("HW_INFLUX_PASSWORD_FILE");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("alerts.sh " + String.join(" ", args) + " took over " + seconds + " s:\n"
                    + Files.readString(out));
        }
        assertThat(process.exitValue()).as("alerts.sh %s; output:%n%s", String.join(" ", args), Files.readString(out))
                .isZero();
    }

    private void downQuietly() {
        try {
            run(60, "down");
        } catch (Exception | AssertionError e) {
            System.err.println("alerts.sh down: " + e);
        }
    }

    /** HAProxy with a minimal global/defaults of the test's own plus the board's section of deploy/cluster. */
    private Process startBalancer() throws Exception {
        for (int port : List.of(BOARD, INSTANCE_PORTS[0], INSTANCE_PORTS[1])) {
            assertThat(status(port, "/health")).as("port %d must be free (is a cluster layout running?)", port)
                    .isEqualTo(-1);
        }
        Path base = TestFiles.write(state.resolve("haproxy-base.cfg"), """
                global
                    maxconn 256
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                """);
        Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", base.toString(), "-f",
                ROOT.resolve("deploy/cluster/haproxy-board.cfg").toString()).redirectErrorStream(true)
                .redirectOutput(state.resolve("haproxy.log").toFile()).start();
        await("HAProxy on the board's port", Duration.ofSeconds(10), () -> status(BOARD, "/ready") == 503);
        return haproxy;
    }

    private int awaitActive(Duration timeout) throws Exception {
        int[] active = {-1};
        await("an active instance", timeout, () -> {
            for (int i = 0; i < INSTANCE_PORTS.length; i++) {
                if (status(INSTANCE_PORTS[i], "/ready") == 200) {
                    active[0] = i;
                    return true;
                }
            }
            return false;
        });
        return active[0];
    }

    private boolean boardHas(String alarmKey) {
        try {
            HttpResponse<String> board = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + BOARD
                            + "/api/alarms/active")).header("Authorization", basic()).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return board.statusCode() == 200 && board.body().contains(alarmKey);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Logs in on the board's page through the balancer: the session cookie. */
    private String login() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + BOARD
                        + "/login")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("username", "duty").put("password", TestFiles.PASSWORD).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("login: %s", response.body()).isEqualTo(200);
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private HttpResponse<String> get(int port, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(3));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of GET {@code path}, or -1 when nothing answers. */
    private int status(int port, String path) {
        try {
            return get(port, path, null).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String basic() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("duty:" + TestFiles.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(TestEnv.withKafkaAuth(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestEnv.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(),
                new ByteArraySerializer());
    }

    private void send(KafkaProducer<String, byte[]> producer, String key, AlarmEvent event) throws Exception {
        producer.send(new ProducerRecord<>(env.get("HW_TOPIC_ALARMS"), key, Json.toBytes(event))).get(10, TimeUnit.SECONDS);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The push provider: records every message the instances send (the production webhook's JSON body). */
    private static final class Webhook implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;
        private final List<JsonObject> received = new CopyOnWriteArrayList<>();

        private Webhook(com.sun.net.httpserver.HttpServer server) {
            this.server = server;
        }

        static Webhook start() throws IOException {
            Webhook hook = new Webhook(com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", 0), 16));
            hook.server.createContext("/", exchange -> {
                hook.received.add(new JsonObject(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            hook.server.start();
            return hook;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        long count(String incident, String address) {
            return received.stream().filter(m -> m.getString("incidentKey", "").equals(incident)
                    && m.getJsonObject("recipient").getString("address").equals(address)).count();
        }

        Map<String, Long> perTransitionAndRecipient() {
            return received.stream().collect(Collectors.groupingBy(m -> m.getString("incidentKey") + " -> "
                    + m.getJsonObject("recipient").getString("address"), Collectors.counting()));
        }

        List<String> duplicateIds() {
            return received.stream().collect(Collectors.groupingBy(m -> m.getString("id"), Collectors.counting()))
                    .entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
