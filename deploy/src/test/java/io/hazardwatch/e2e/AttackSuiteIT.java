package io.hazardwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.ingest.IngestApp;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.logins.Passwords;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.simulator.attack.AttackLimits;
import io.hazardwatch.simulator.attack.AttackReport;
import io.hazardwatch.simulator.attack.AttackRun;
import io.hazardwatch.simulator.attack.AttackTarget;
import io.hazardwatch.simulator.attack.AttackTarget.Login;
import io.hazardwatch.simulator.attack.AttackTarget.Sensor;
import io.hazardwatch.simulator.attack.PhaseResult;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack suite's short run (issue 16): a few thousand hostile inputs against a real gateway and a real alert
 * service on 127.0.0.1, through their ports only, while legitimate clients publish. Neither may crash, accept a
 * cross-tenant or cross-site attempt, or answer 5xx; sockets that never log in are closed; guessing is slowed down.
 */
@Timeout(150)
class AttackSuiteIT {

    private static final String DUTY_PASSWORD = "attack-duty";

    private static Vertx vertx;
    private static IngestApp ingest;
    private static AlertServiceApp alerts;
    private static AttackReport report;

    @BeforeAll
    static void attackTheStack(@TempDir Path dir) throws Exception {
        String readings = KafkaTestTopics.create("attack.readings", 1);
        String registry = TestRegistry.write(dir).toString();
        vertx = Vertx.vertx();
        ingest = IngestApp.start(vertx, IngestConfig.from(Settings.of(Map.of(
                "mqtt.port", "0", "http.port", "0", "kafka.bootstrap", TestEnv.kafkaBootstrap(), "registry.file", registry,
                "topic.readings", readings, "topic.deadletter", KafkaTestTopics.create("attack.deadletter", 1),
                "topic.device-status", KafkaTestTopics.create("attack.device-status", 1))))).await();
        Path users = Files.writeString(dir.resolve("users.yaml"), "users:\n  - {username: duty, role: DUTY_OFFICER, "
                + "passwordHash: \"" + Passwords.hash(DUTY_PASSWORD) + "\"}\n");
        Path policy = Files.writeString(dir.resolve("alerting.yaml"),
                "escalation:\n  steps:\n    - {role: GRID_MEMBER, after: PT0S}\n");
        alerts = AlertServiceApp.start(vertx, AlertServiceConfig.from(Settings.of(Map.of(
                "alert.http.port", "0", "kafka.bootstrap", TestEnv.kafkaBootstrap(), "registry.file", registry,
                "topic.alarms", KafkaTestTopics.create("attack.alarms", 1), "alert.users.file", users.toString(),
                "alert.policy.file", policy.toString(), "alert.attachments.dir", dir.resolve("attachments").toString(),
                "topic.incident-state", KafkaTestTopics.create("attack.incident-state", 1),
                "topic.incident-events", KafkaTestTopics.create("attack.incident-events", 1))))).await();
        awaitSilencesServed();

        AttackTarget target = new AttackTarget("127.0.0.1", ingest.mqttPort(), ingest.httpPort(), alerts.httpPort(),
                new Login(TestRegistry.ENT_A_USER, TestRegistry.PASSWORD),
                new Sensor(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE, TestRegistry.ENT_A_GAS),
                new Sensor(TestRegistry.ENT_B, TestRegistry.ENT_B_DEVICE, TestRegistry.ENT_B_NH3),
                new Login(TestRegistry.ENT_B_USER, TestRegistry.PASSWORD), new Login("duty", DUTY_PASSWORD),
                TestEnv.kafkaBootstrap(), readings, ProcessHandle.current().pid(), 0,
                "127.0.0.2", "127.0.0.3"); // neither the attacker nor the guessers are on the devices' address
        // phases of at most 4 s; idle sockets held 11 s: past the gateway's CONNECT timeout (at most 10 s by default)
        AttackLimits limits = new AttackLimits(400, Duration.ofSeconds(4), 16, 60, 20, Duration.ofSeconds(11), 4,
                Duration.ofSeconds(1), Duration.ofMillis(500), 16);
        StringWriter out = new StringWriter();
        report = new AttackRun(target, limits, new PrintWriter(out)).run();
        System.out.println(out + "\n" + report.table() + report.summary());
    }

    @AfterAll
    static void stopTheStack() {
        if (alerts != null) {
            alerts.stop().await();
        }
        if (ingest != null) {
            ingest.stop().await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void aFewThousandHostileInputsWereSentInEveryPhase() {
        assertThat(report.inputs()).isGreaterThanOrEqualTo(2500);
        assertThat(report.phases()).allSatisfy(p -> assertThat(p.inputs()).as(p.name()).isPositive());
    }

    @Test
    void neitherServiceStopsAnswering() {
        assertThat(report.phases()).allSatisfy(p -> assertThat(p.crashed()).as(p.name()).isEmpty());
    }

    @Test
    void noForgedReadingOfAnotherEnterpriseReachesKafka() {
        assertThat(report.forgedInKafka()).isZero();
        assertThat(report.phase("mqtt: foreign and wildcard topics").crossTenant()).as("subscriptions granted").isZero();
    }

    /** GATEWAY fix (client ids per tenant): ent-a connecting with ent-b's client id must leave ent-b connected. */
    @Test
    void aLoginCannotTakeOverAnotherTenantsClientId() {
        PhaseResult cross = report.phase("cross-tenant: client ids, ingest paths, batches");
        assertThat(cross.answered("takeover: attacker")).isPositive();
        assertThat(cross.crossTenant()).as(cross.answers().toString()).isZero();
    }

    /** GATEWAY fix (CONNECT timeout ≤ 10 s): a socket that never sends CONNECT is closed. */
    @Test
    void socketsThatNeverLogInAreClosed() {
        PhaseResult idle = report.phase("idle sockets and slow-loris");
        assertThat(idle.answered("idle MQTT")).isPositive();
        assertThat(idle.answered("idle MQTT: still open")).as(idle.answers().toString()).isZero();
    }

    /**
     * GATEWAY fix (throttling): wrong passwords over MQTT and HTTP ingest are checked ever more slowly. A guess
     * answered "bad credentials" was checked; a delayed, refused-as-busy or unanswered one was throttled.
     */
    @Test
    void passwordGuessingIsSlowedDown() {
        // the gateway's defaults: 5 failures, then refused unchecked for 1 s, doubling; a phase lasts at most 4 s, so
        // at most 5 + 3 guesses can be checked from one address, however many are sent
        PhaseResult mqtt = report.phase("guessing: MQTT passwords");
        long checked = mqtt.answered("CONNACK 0x86") + mqtt.answered("CONNACK 0x87");
        assertThat(checked).as("MQTT guesses checked: " + mqtt.answers()).isLessThanOrEqualTo(8);
        assertThat(mqtt.answered("CONNACK 0x9f")).as("refused unchecked").isPositive();
        PhaseResult http = report.phase("guessing: HTTP passwords");
        assertThat(http.answered("gateway HTTP 401")).as("HTTP ingest guesses checked: " + http.answers())
                .isLessThanOrEqualTo(8);
        assertThat(http.answered("gateway HTTP 429")).as("refused unchecked").isPositive();
    }

    /** BOARD fix (cross-site): forged requests with the duty officer's Basic credentials change nothing. */
    @Test
    void forgedCrossSiteRequestsAreRefused() {
        PhaseResult forged = report.phase("cross-site: forged board requests");
        assertThat(forged.crossTenant()).as(forged.answers().toString()).isZero();
    }

    @Test
    void theGatewayAnswersFuzzedHttpWithoutServerError() {
        PhaseResult http = report.phase("http: fuzzed requests (both services)");
        assertThat(http.answered("gateway HTTP")).isPositive();
        assertThat(http.answered("gateway HTTP 5") - http.answered("gateway HTTP 503")).as(http.answers().toString()).isZero();
    }

    /** BOARD fix (no 500s): bad input to the alert service gets a 4xx, never a 500. */
    @Test
    void theAlertServiceAnswersFuzzedHttpWithoutServerError() {
        PhaseResult http = report.phase("http: fuzzed requests (both services)");
        assertThat(http.answered("alerts HTTP")).isPositive();
        assertThat(http.answered("alerts HTTP 5") - http.answered("alerts HTTP 503")).as(http.answers().toString()).isZero();
        assertThat(report.serverErrors()).isZero();
    }

    private static void awaitSilencesServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alerts.httpPort() + "/api/silences"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("duty:" + DUTY_PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            assertThat(System.nanoTime()).as("the alert service serves silences within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
