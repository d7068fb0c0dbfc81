package io.hazardwatch.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {

    // bcrypt of "s3cret", cost 4 to keep the test fast
    private static final String HASH = "$2a$04$AJeSp2XDSuVHmDoAX.5xHuYCb4rccjlQ1ET1RlVUmgRPsiXxi3KZq";

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("registry.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String enterprise(String sensorLines) {
        return """
                version: 7
                enterprises:
                  - id: ent-a
                    name: A Chemicals
                    gridCell: grid-1
                    credentials:
                      - username: ent-a-gw
                        passwordHash: "%s"
                    devices:
                      - id: tank-farm
                        sensors:
                %s
                """.formatted(HASH, sensorLines);
    }

    @Test
    void mergesSensorOverridesWithTypeDefaults() throws IOException {
        Registry registry = Registry.load(write(enterprise("""
                          - id: gas-1
                            type: COMBUSTIBLE_GAS
                          - id: temp-1
                            type: TEMPERATURE
                            thresholds: {firstHigh: 60, secondHigh: 80}
                """)));

        SensorSpec gas = registry.sensor(new SensorKey("ent-a", "tank-farm", "gas-1")).orElseThrow();
        assertThat(gas.thresholds().firstHigh()).isEqualTo(25);
        assertThat(gas.thresholds().secondHigh()).isEqualTo(50);
        assertThat(gas.ruleVersion()).isEqualTo(7);
        assertThat(gas.gridCell()).isEqualTo("grid-1");
        SensorSpec temp = registry.sensor(new SensorKey("ent-a", "tank-farm", "temp-1")).orElseThrow();
        assertThat(temp.thresholds().secondHigh()).isEqualTo(80);
        assertThat(temp.thresholds().deadband()).isEqualTo(6);
    }

    @Test
    void keepsEachCredentialsHashForItsPrincipal() throws IOException {
        Registry registry = Registry.load(write(enterprise("          - {id: gas-1, type: COMBUSTIBLE_GAS}")));

        Principal gateway = registry.principal("ent-a-gw").orElseThrow();
        assertThat(gateway.enterprise()).isEqualTo("ent-a");
        assertThat(gateway.passwordHash()).isEqualTo(HASH);
        assertThat(registry.principal("nobody")).isEmpty();
    }

    @Test
    void unknownSensorTypeNamesTheField() throws IOException {
        Path file = write(enterprise("          - {id: gas-1, type: PLUTONIUM}"));

        assertThatThrownBy(() -> Registry.load(file))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("enterprises[0].devices[0].sensors[0].type")
                .hasMessageContaining("PLUTONIUM");
    }

    @Test
    void temperatureWithoutThresholdsIsRefused() throws IOException {
        Path file = write(enterprise("          - {id: t-1, type: TEMPERATURE}"));

        assertThatThrownBy(() -> Registry.load(file))
                .hasMessageContaining("enterprises[0].devices[0].sensors[0].thresholds: required");
    }

    @Test
    void idsThatWouldBreakTopicsAreRefused() throws IOException {
        Path file = write(enterprise("          - {id: 'gas/1', type: COMBUSTIBLE_GAS}"));

        assertThatThrownBy(() -> Registry.load(file))
                .hasMessageContaining("sensors[0].id: 'gas/1' is not a valid id");
    }

    @Test
    void plainTextPasswordsAreRefused() throws IOException {
        Path file = write(enterprise("          - {id: gas-1, type: COMBUSTIBLE_GAS}").replace(HASH, "s3cret"));

        assertThatThrownBy(() -> Registry.load(file))
                .hasMessageContaining("enterprises[0].credentials[0].passwordHash: must be a bcrypt hash");
    }

    @Test
    void everyDefaultSensorTypeUnitIsSet() {
        for (SensorType type : SensorType.values()) {
            assertThat(type.unit()).isNotBlank();
        }
    }
}
