package io.hazardwatch.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.simulator.TestScenarios;
import io.hazardwatch.simulator.load.FleetGenerator;
import io.hazardwatch.simulator.load.FleetResult;
import io.hazardwatch.simulator.load.FleetSecrets;
import io.hazardwatch.simulator.load.FleetSettings;
import io.hazardwatch.simulator.load.FleetStorms;
import io.hazardwatch.simulator.load.LoadSettings;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.SignalGenerator;
import io.hazardwatch.testsupport.FreePort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --fleet} against a real Mosquitto (anonymous: the devices' secrets are sent and ignored): every device
 * connects with its own client id and publishes at its rate with one reading in flight, the counts add up with what
 * the broker delivered, and a broker restart is reported as one storm with its recovery.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FleetMosquittoTest {

    @TempDir
    Path dir;
    private int port;
    private MosquittoBroker broker;
    private MqttClient subscriber;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final StringWriter out = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        port = FreePort.find();
        broker = new MosquittoBroker(port, dir).start();
        subscriber = broker.subscriber("fleet-test-subscriber", "#",
                (topic, msg) -> received.computeIfAbsent(topic, t -> new AtomicInteger()).incrementAndGet());
    }

    @AfterEach
    void stop() throws Exception {
        broker.stop(subscriber);
    }

    @Test
    void everyDeviceConnectsAndPublishesAtItsRateWithOneReadingInFlight() throws Exception {
        FleetResult result = run(fleet(40), 5, Duration.ofSeconds(4));

        assertThat(result.connected()).as(out.toString()).isEqualTo(40);
        assertThat(result.failed()).isZero();
        assertThat(result.unacked()).isZero();
        assertThat(result.late()).isZero(); // 5/s against a local broker: never still waiting when the next is due
        assertThat(result.acked()).isEqualTo(result.sent());
        awaitDelivered(result.acked());
        assertThat(received).hasSize(40); // one topic per device
        // each device 5/s over ~4 s, from a random phase in the first 200 ms after its CONNACK
        assertThat(received.values()).allSatisfy(n -> assertThat(n.get()).isBetween(17, 21));
        assertThat(result.storms()).isEmpty();
        assertThat(result.resultLine()).startsWith("RESULT mode=fleet devices=40 connected=40 never_connected=0 ")
                .contains(" sent=" + result.sent() + " acked=" + result.acked() + " failed=0 late=0 unacked=0 ");
    }

    @Test
    void pahoDevicesPublishAtTheirRateToo() throws Exception {
        FleetResult result = run(fleet(10), 5, Duration.ofSeconds(3), LoadSettings.Client.PAHO);

        assertThat(result.connected()).as(out.toString()).isEqualTo(10);
        assertThat(result.failed()).isZero();
        assertThat(result.acked()).isEqualTo(result.sent()).isBetween(10L * 12, 10L * 16);
        awaitDelivered(result.acked());
        assertThat(received).hasSize(10);
    }

    @Test
    void closedLoopSendsTheNextReadingAsSoonAsThePubAckCame() throws Exception {
        FleetResult result = run(fleet(10), 0, Duration.ofSeconds(2));

        assertThat(result.connected()).isEqualTo(10);
        assertThat(result.acked()).as(out.toString()).isGreaterThan(10 * 50); // a local broker answers in well under 20 ms
        assertThat(result.acked()).isEqualTo(result.sent());
        assertThat(result.late()).isZero();
        awaitDelivered(result.acked());
    }

    @Test
    void aBrokerRestartIsOneStormAndEveryDevicePublishesAgain() throws Exception {
        List<FleetSecrets.Login> logins = fleet(30);
        AtomicReference<FleetResult> result = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                result.set(run(logins, 5, Duration.ofSeconds(8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        runner.start();
        Thread.sleep(2500);
        broker.stop();
        Thread.sleep(500);
        broker = new MosquittoBroker(port, dir).start();
        runner.join(20_000);

        FleetResult r = result.get();
        assertThat(r.lost()).as(out.toString()).isEqualTo(30);
        assertThat(r.storms()).hasSize(1);
        FleetStorms.Storm storm = r.storms().get(0);
        assertThat(storm.lost()).isEqualTo(30);
        assertThat(storm.recoverySeconds()).isBetween(0.5, 4.0); // 0.5 s down, then up to 1 s of jitter
        assertThat(storm.atSeconds()).isBetween(2.0, 3.5);
        assertThat(r.failed()).isLessThanOrEqualTo(30); // at most the one in flight per device
        assertThat(r.sent()).isEqualTo(r.acked() + r.failed() + r.unacked());
        assertThat(out.toString()).contains("storm at t+").contains("30 devices lost, all publishing again in");
        assertThat(r.resultLine()).contains(" storms=1 storm_lost=30 storm_recovery_s=");
    }

    @Test
    void aSettleTimeLeavesTheRunsBeginningOutOfTheRateAndPubackFigures() throws Exception {
        FleetResult result = run(fleet(40), 5, Duration.ofSeconds(4), Duration.ofSeconds(2),
                LoadSettings.Client.PIPELINED);

        assertThat(result.connected()).as(out.toString()).isEqualTo(40);
        assertThat(result.settleSeconds()).isBetween(2.0, 2.2);
        assertThat(result.seconds()).isBetween(1.8, 2.3); // the last 2 s of 4
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (total() < 700 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // 40 devices at 5/s: ~400 in the 2 s counted, of the ~800 the broker passed on in 4 s
        assertThat(result.acked()).isBetween(340L, 440L);
        assertThat(total()).isGreaterThan(result.acked() * 3 / 2);
        assertThat(result.ackedRate()).isBetween(170.0, 220.0);
        assertThat(result.pubAck().count()).isEqualTo(result.acked());
        assertThat(out.toString()).contains("settled: the figures count from here");
        assertThat(result.resultLine()).contains(" settle_s=2 seconds=");
    }

    private FleetResult run(List<FleetSecrets.Login> logins, double deviceRate, Duration duration) throws Exception {
        return run(logins, deviceRate, duration, LoadSettings.Client.PIPELINED);
    }

    private FleetResult run(List<FleetSecrets.Login> logins, double deviceRate, Duration duration,
                            LoadSettings.Client client) throws Exception {
        return run(logins, deviceRate, duration, Duration.ZERO, client);
    }

    private FleetResult run(List<FleetSecrets.Login> logins, double deviceRate, Duration duration, Duration settle,
                            LoadSettings.Client client) throws Exception {
        Scenario scenario = TestScenarios.load(dir, broker.url());
        FleetSettings settings = new FleetSettings(deviceRate, duration, settle, 1, 3, 512, Duration.ofSeconds(1),
                FleetSettings.STORM_DEVICES, 1, client);
        PrintWriter writer = new PrintWriter(out, true);
        FleetResult result = new FleetGenerator(FleetGenerator.devices(scenario, logins, 0, 1, 3), settings,
                new SignalGenerator(scenario, 1), writer).run();
        writer.print(result.table());
        writer.flush();
        return result;
    }

    /** Copies of the test scenario's device tank-2, as `fleet --device-logins` names them. */
    private static List<FleetSecrets.Login> fleet(int devices) {
        List<FleetSecrets.Login> logins = new ArrayList<>();
        for (int n = 1; n <= devices; n++) {
            String device = n == 1 ? "tank-2" : "tank-2-" + n;
            logins.add(new FleetSecrets.Login("ent-a-" + device, "hws_not-checked-by-an-anonymous-broker-000000",
                    "ent-a", device));
        }
        return logins;
    }

    private void awaitDelivered(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (total() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(total()).isEqualTo(count);
    }

    private long total() {
        return received.values().stream().mapToLong(AtomicInteger::get).sum();
    }
}
