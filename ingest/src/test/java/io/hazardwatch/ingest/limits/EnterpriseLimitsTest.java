package io.hazardwatch.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.registry.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnterpriseLimitsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private EnterpriseLimits limits;

    @BeforeEach
    void setUp(@TempDir Path dir) throws IOException {
        Registry registry = Registry.load(Files.writeString(dir.resolve("r.yaml"), GatewayFixture.REGISTRY));
        // ent-c: 2 connections, 5 messages/s in the registry; others: the defaults 3 and 100
        limits = new EnterpriseLimits(() -> registry, 3, 100, clock::get);
    }

    @Test
    void connectionsAreCountedPerEnterpriseAgainstTheRegistryLimit() {
        assertThat(limits.tryConnect("ent-c")).isTrue();
        assertThat(limits.tryConnect("ent-c")).isTrue();
        assertThat(limits.tryConnect("ent-c")).isFalse();
        assertThat(limits.tryConnect("ent-a")).as("another enterprise").isTrue();

        limits.disconnected("ent-c");

        assertThat(limits.tryConnect("ent-c")).isTrue();
    }

    @Test
    void theDefaultLimitAppliesWhenTheRegistryHasNone() {
        assertThat(limits.tryConnect("ent-a")).isTrue();
        assertThat(limits.tryConnect("ent-a")).isTrue();
        assertThat(limits.tryConnect("ent-a")).isTrue();
        assertThat(limits.tryConnect("ent-a")).isFalse();
    }

    @Test
    void aBurstUpToOneSecondsWorthPassesThenTheRateIsHeld() {
        for (int i = 0; i < 5; i++) {
            assertThat(limits.tryMessage("ent-c")).as("message %d", i).isTrue();
        }
        assertThat(limits.tryMessage("ent-c")).isFalse();
        assertThat(limits.tryMessage("ent-b")).as("another enterprise is unaffected").isTrue();

        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(200)); // one token at 5/s

        assertThat(limits.tryMessage("ent-c")).isTrue();
        assertThat(limits.tryMessage("ent-c")).isFalse();
    }

    @Test
    void tokensDoNotAccumulateBeyondOneSecond() {
        limits.tryMessage("ent-c");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(60));

        int passed = 0;
        while (limits.tryMessage("ent-c")) {
            passed++;
        }

        assertThat(passed).isEqualTo(5);
    }

    @Test
    void twoGatewaysEachEnforceHalfOfEveryQuotaRoundedUp(@TempDir Path dir) throws IOException {
        Registry registry = Registry.load(Files.writeString(dir.resolve("r2.yaml"), GatewayFixture.REGISTRY));
        // GIVEN limits.instances=2: ent-c's 2 connections and 5 messages/s, the defaults 3 connections and 100/s
        EnterpriseLimits half = new EnterpriseLimits(() -> registry, 3, 100, clock::get, 2);

        assertThat(half.maxConnections("ent-c")).isEqualTo(1);
        assertThat(half.maxMessagesPerSecond("ent-c")).isEqualTo(3);
        assertThat(half.maxConnections("ent-a")).isEqualTo(2);
        assertThat(half.maxMessagesPerSecond("ent-a")).isEqualTo(50);

        // THEN this gateway admits one of ent-c's connections and a burst of three messages
        assertThat(half.tryConnect("ent-c")).isTrue();
        assertThat(half.tryConnect("ent-c")).isFalse();
        int passed = 0;
        while (half.tryMessage("ent-c")) {
            passed++;
        }
        assertThat(passed).isEqualTo(3);
    }

    @Test
    void aQuotaOfIntegerMaxStaysUnlimitedWhenShared(@TempDir Path dir) throws IOException {
        Registry registry = Registry.load(Files.writeString(dir.resolve("r3.yaml"), GatewayFixture.REGISTRY));
        // "no limit" written as the largest int: shared by two gateways it must not wrap to a refusal of everything
        EnterpriseLimits half = new EnterpriseLimits(() -> registry, Integer.MAX_VALUE, Integer.MAX_VALUE, clock::get, 2);

        assertThat(half.maxConnections("ent-a")).isEqualTo(1 << 30);
        assertThat(half.maxMessagesPerSecond("ent-a")).isEqualTo(1 << 30);
        assertThat(half.tryConnect("ent-a")).isTrue();
        assertThat(half.tryMessage("ent-a")).isTrue();
    }
}
