package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.model.registry.RegistryException;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production mode: on an address other machines reach, a registry login with a demo hash stops start-up (a reloaded
 * registry goes through the same check: {@code RegistryWatcherTest}).
 */
@Timeout(60)
class ProductionModeIT {

    /** The hash of hengda-chemicals-gw in deploy/config/registry.yaml, whose password the README prints. */
    private static final String DEMO_HASH = "$2a$10$SnE/gyK/meImKFgyvvY6Iu2wWnlBvYyrpUPZhzKn1pSK.tMJzyvXG";
    private static final String WITH_DEMO_LOGIN = GatewayFixture.REGISTRY.replace(
            "{username: ent-b-gw, passwordHash: \"" + TestRegistry.PASSWORD_HASH + "\"",
            "{username: ent-b-gw, passwordHash: \"" + DEMO_HASH + "\"");

    @TempDir
    Path dir;

    @Test
    void aGatewayOnAReachableAddressRefusesTheDemoHashNamingTheLoginAndTheTool() {
        assertThat(WITH_DEMO_LOGIN).contains(DEMO_HASH);

        assertThatThrownBy(() -> GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of("mqtt.host", "0.0.0.0"),
                WITH_DEMO_LOGIN))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("registry.file: login(s) ent-b-gw still have the demo's password hash")
                .hasMessageContaining("mqtt.host=0.0.0.0")
                .hasMessageContaining("bin/hw device-secret");
    }

    @Test
    void onLoopbackTheDemoHashStillStarts() {
        try (GatewayFixture gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(), WITH_DEMO_LOGIN)) {
            assertThat(gateway.app.mqttPort()).isPositive();
        }
    }
}
