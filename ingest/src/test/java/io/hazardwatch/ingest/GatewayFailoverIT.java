package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.FleetDevice;
import io.hazardwatch.ingest.support.GatewaysScript;
import io.hazardwatch.logins.DeviceSecrets;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.testsupport.KafkaTestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two gateways behind HAProxy, as {@code deploy/cluster/gateways.sh} runs them (separate processes, the shared
 * Kafka, fresh topics), and 20 devices publishing through the balancer with one reading in flight each: kill -9 of
 * the gateway holding most of them, then a graceful stop (drain) of one. Every PUBACKed reading must be on the
 * readings topic (a device re-sends what was not acknowledged: duplicates are counted, not failed).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayFailoverIT {

    private static final String ENTERPRISE = "ent-fo";
    private static final int DEVICES = 20;
    private static final String SECRET = DeviceSecrets.issue();
    private static final Duration TAKEOVER = Duration.ofSeconds(10);

    private static GatewaysScript gateways;
    private static String readings;
    private static final List<FleetDevice> fleet = new ArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        Path state = Path.of("target", "gateway-failover-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        Files.createDirectories(state);
        readings = KafkaTestTopics.create("failover.readings", 2);
        Map<String, String> topics = Map.of(
                "HW_TOPIC_READINGS", readings,
                "HW_TOPIC_DEADLETTER", KafkaTestTopics.create("failover.deadletter", 1),
                "HW_TOPIC_DEVICE_STATUS", KafkaTestTopics.create("failover.status", 1),
                "HW_TOPIC_HEARTBEATS", KafkaTestTopics.create("failover.heartbeats", 1));
        gateways = new GatewaysScript(state, Files.writeString(state.resolve("registry.yaml"), registry()), topics);
        gateways.run(90, "up");
    }

    @AfterAll
    static void down() throws InterruptedException {
        for (FleetDevice device : fleet) {
            device.stop();
        }
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    @Order(1)
    void devicesOfAKilledGatewayReconnectThroughTheBalancerWithinTenSecondsAndNoPubAckedReadingIsLost()
            throws Exception {
        // GIVEN 20 devices publishing through the balancer, spread over both gateways
        Instant base = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int i = 1; i <= DEVICES; i++) {
            fleet.add(new FleetDevice("tcp://127.0.0.1:" + GatewaysScript.MQTT_PORT, ENTERPRISE, device(i), SECRET, base)
                    .start());
        }
        await(Duration.ofSeconds(30), () -> fleet.stream().allMatch(d -> d.acked.size() >= 3), "every device publishes");
        Map<String, GatewaysScript.Server> before = gateways.servers();
        String victim = before.entrySet().stream().max(Map.Entry.comparingByValue(
                java.util.Comparator.comparingInt(GatewaysScript.Server::connections))).orElseThrow().getKey();
        assertThat(before.values()).allMatch(s -> s.state().equals("UP"));

        // WHEN the gateway holding most of them is killed
        fleet.forEach(FleetDevice::watch);
        long killedAt = System.nanoTime();
        gateways.run(20, "kill", victim.substring("gw-".length()));

        // THEN its devices reconnect through the balancer to the other one and publish again within 10 s
        await(TAKEOVER.plusSeconds(5), () -> fleet.stream().allMatch(d -> d.lastAckNanos() > killedAt + 200_000_000L),
                "every device publishes again");
        List<FleetDevice> moved = fleet.stream().filter(FleetDevice::lostAfterWatch).toList();
        assertThat(moved).as("devices on %s (%s)", victim, before).hasSizeGreaterThanOrEqualTo(
                before.get(victim).connections());
        long slowest = moved.stream().mapToLong(d -> d.backAfterWatch() - killedAt).max().orElseThrow();
        System.out.printf("failover: %d devices lost %s (kill -9); all publishing again through the balancer %.1f s "
                + "after the kill%n", moved.size(), victim, slowest / 1e9);
        assertThat(moved).allMatch(d -> d.backAfterWatch() > 0);
        assertThat(Duration.ofNanos(slowest)).isLessThanOrEqualTo(TAKEOVER);
        // a persistent session lived in the dead gateway's memory: the other one accepts the device without it
        assertThat(moved).noneMatch(FleetDevice::lastSessionPresent);
        assertNothingPubAckedIsLost("kill -9 of " + victim);

        // WHEN the killed gateway is started again THEN it becomes ready and takes new connections
        gateways.run(90, "start", victim.substring("gw-".length()));
        await(Duration.ofSeconds(15), () -> "UP".equals(gateways.servers().get(victim).state()),
                victim + " UP in the balancer");
        for (int i = DEVICES + 1; i <= DEVICES + 4; i++) {
            fleet.add(new FleetDevice("tcp://127.0.0.1:" + GatewaysScript.MQTT_PORT, ENTERPRISE, device(i), SECRET, base)
                    .start());
        }
        await(Duration.ofSeconds(15), () -> fleet.stream().allMatch(d -> d.acked.size() >= 3), "the new devices publish");
        assertThat(gateways.servers().get(victim).connections()).as("connections on the restarted %s", victim)
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(2)
    void aGracefulStopDrainsItsGatewayWithoutLosingAReading() throws Exception {
        Map<String, GatewaysScript.Server> before = gateways.servers();
        String drained = before.entrySet().stream().max(Map.Entry.comparingByValue(
                java.util.Comparator.comparingInt(GatewaysScript.Server::connections))).orElseThrow().getKey();
        assertThat(before.get(drained).connections()).isPositive();
        fleet.forEach(FleetDevice::watch);

        // WHEN one gateway is stopped gracefully (SIGTERM: /ready 503, drain, DISCONNECT, Kafka flushed)
        long stoppedAt = System.nanoTime();
        gateways.run(30, "stop", drained.substring("gw-".length()));

        // THEN its devices go on through the other gateway, and every PUBACKed reading is in Kafka
        await(Duration.ofSeconds(15), () -> fleet.stream().allMatch(d -> d.lastAckNanos() > stoppedAt
                + TimeUnit.SECONDS.toNanos(4)), "every device publishes after the drain");
        assertThat(fleet.stream().filter(FleetDevice::lostAfterWatch).count()).isGreaterThanOrEqualTo(
                before.get(drained).connections());
        assertThat(gateways.log("gateway-" + drained.substring("gw-".length())))
                .contains("/ready answers 503", "shutdown: done");
        assertNothingPubAckedIsLost("graceful stop of " + drained);
    }

    private static void assertNothingPubAckedIsLost(String what) {
        Map<String, Set<Instant>> pubAcked = new HashMap<>();
        for (FleetDevice d : fleet) {
            pubAcked.put(d.device, d.acked.stream().map(d::eventTime).collect(Collectors.toSet()));
        }
        int total = pubAcked.values().stream().mapToInt(Set::size).sum();
        Map<String, Set<Instant>> missing = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> records = KafkaTestTopics.readUntil(readings, rs -> {
            Map<String, Set<Instant>> left = new HashMap<>();
            pubAcked.forEach((device, times) -> left.put(device, new HashSet<>(times)));
            for (ConsumerRecord<String, byte[]> r : rs) {
                Reading reading = Json.fromBytes(r.value(), Reading.class);
                Set<Instant> of = left.get(reading.device());
                if (of != null) {
                    of.remove(reading.eventTime());
                }
            }
            missing.clear();
            left.forEach((device, times) -> {
                if (!times.isEmpty()) {
                    missing.put(device, times);
                }
            });
            return left.values().stream().allMatch(Set::isEmpty);
        }, Duration.ofSeconds(30));
        Map<String, Long> copies = records.stream().map(r -> Json.fromBytes(r.value(), Reading.class))
                .collect(Collectors.groupingBy(r -> r.device() + "@" + r.eventTime(), Collectors.counting()));
        long duplicates = copies.values().stream().mapToLong(c -> c - 1).sum();
        System.out.printf("%s: %d readings PUBACKed, %d records in Kafka, %d lost, %d duplicates%n", what, total,
                records.size(), missing.values().stream().mapToInt(Set::size).sum(), duplicates);
        assertThat(missing).as("PUBACKed readings missing from Kafka after %s", what).isEmpty();
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s; balancer: "
                        + gateways.servers());
            }
            Thread.sleep(50);
        }
    }

    private static String device(int i) {
        return String.format("dev-%02d", i);
    }

    private static String registry() {
        StringBuilder yaml = new StringBuilder("""
                version: 1
                enterprises:
                  - id: %s
                    gridCell: grid-1
                    devices:
                """.formatted(ENTERPRISE));
        String hash = DeviceSecrets.hash(SECRET);
        for (int i = 1; i <= DEVICES + 4; i++) {
            yaml.append("""
                          - id: %1$s
                            credentials:
                              - {username: %1$s-sec, passwordHash: "%2$s"}
                            sensors:
                              - {id: temp-1, type: TEMPERATURE, thresholds: {firstHigh: 60, secondHigh: 80}}
                    """.formatted(device(i), hash));
        }
        return yaml.toString();
    }
}
