package io.hazardwatch.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.registry.RegistryFile.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

    // bcrypt of "s3cret", cost 4 to keep the test fast
    private static final String HASH = "$2a$04$AJeSp2XDSuVHmDoAX.5xHuYCb4rccjlQ1ET1RlVUmgRPsiXxi3KZq";

    @TempDir
    Path dir;

    private Registry load(String gatewayExtra, String limits) throws IOException {
        Path file = dir.resolve("registry.yaml");
        Files.writeString(file, """
                version: 1
                enterprises:
                  - id: ent-a
                    gridCell: grid-1
                    %3$s
                    credentials:
                      - {username: ent-a-gw, passwordHash: "%1$s"}
                      - {username: ent-a-edge, passwordHash: "%1$s"%2$s}
                    devices:
                      - id: tank-1
                        credentials:
                          - {username: tank-1-dev, passwordHash: "%1$s"}
                        sensors:
                          - {id: lel-1, type: COMBUSTIBLE_GAS}
                      - id: tank-2
                        sensors:
                          - {id: lel-1, type: COMBUSTIBLE_GAS}
                """.formatted(HASH, gatewayExtra, limits));
        return Registry.load(file);
    }

    @Test
    void enterpriseGatewayWithoutDeviceListMayPublishForEveryDeviceOfItsEnterpriseOnly() throws IOException {
        Principal gw = load("", "").principal("ent-a-gw").orElseThrow();

        assertThat(gw.enterprise()).isEqualTo("ent-a");
        assertThat(gw.mayPublishFor("ent-a", "tank-1")).isTrue();
        assertThat(gw.mayPublishFor("ent-a", "tank-2")).isTrue();
        assertThat(gw.mayPublishFor("ent-b", "tank-1")).isFalse();
    }

    @Test
    void gatewayWithDeviceListMayPublishOnlyForTheDevicesBehindIt() throws IOException {
        Principal edge = load(", devices: [tank-2]", "").principal("ent-a-edge").orElseThrow();

        assertThat(edge.mayPublishFor("ent-a", "tank-2")).isTrue();
        assertThat(edge.mayPublishFor("ent-a", "tank-1")).isFalse();
    }

    @Test
    void deviceLoginMayPublishOnlyForItsDevice() throws IOException {
        Registry registry = load("", "");
        Principal device = registry.principal("tank-1-dev").orElseThrow();

        assertThat(device.mayPublishFor("ent-a", "tank-1")).isTrue();
        assertThat(device.mayPublishFor("ent-a", "tank-2")).isFalse();
    }

    @Test
    void gatewayDeviceListNamingAnUnknownDeviceIsRefusedWithItsPath() {
        assertThatThrownBy(() -> load(", devices: [tank-9]", ""))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("enterprises[0].credentials[1].devices[0]: 'tank-9' is not a device");
    }

    @Test
    void aPrincipalIsNoLongerCurrentOnceItsCredentialIsRevokedOrItsDevicesChange() throws IOException {
        Principal edge = load(", devices: [tank-2]", "").principal("ent-a-edge").orElseThrow();

        assertThat(load(", devices: [tank-2]", "").isCurrent(edge)).isTrue();
        assertThat(load(", devices: [tank-1, tank-2]", "").isCurrent(edge)).isFalse();
        assertThat(load("", "").isCurrent(edge)).isFalse();
    }

    @Test
    void limitsAreReadAndDefaultToNull() throws IOException {
        assertThat(load("", "limits: {maxConnections: 3, maxMessagesPerSecond: 50}").limits("ent-a"))
                .isEqualTo(new Limits(3, 50));
        assertThat(load("", "").limits("ent-a")).isEqualTo(new Limits(null, null));
        assertThatThrownBy(() -> load("", "limits: {maxConnections: 0}"))
                .hasMessageContaining("enterprises[0].limits.maxConnections: must be at least 1");
    }
}
