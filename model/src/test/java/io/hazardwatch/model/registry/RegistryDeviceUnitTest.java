package io.hazardwatch.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device may name the major-hazard unit its sensors watch; the name must be one of its enterprise's units. */
class RegistryDeviceUnitTest {

    @TempDir
    Path dir;

    private Registry load(String majorHazards, String tankUnit) throws IOException {
        String yaml = """
                version: 1
                enterprises:
                  - id: ent-a
                    gridCell: grid-1
                %s
                    devices:
                      - id: tank-1
                %s
                        sensors:
                          - {id: gas-1, type: COMBUSTIBLE_GAS}
                      - id: office-1
                        sensors:
                          - {id: gas-2, type: COMBUSTIBLE_GAS}
                """.formatted(majorHazards, tankUnit);
        return Registry.load(Files.writeString(dir.resolve("registry.yaml"), yaml));
    }

    private static final String UNITS = """
            majorHazards:
              - unit: ammonia tanks
                peopleWithin500m: 20
                substances: [{name: ammonia, quantity: 30, criticalQuantity: 10, beta: 2}]
              - unit: chlorine store
                peopleWithin500m: 20
                substances: [{name: chlorine, quantity: 40, criticalQuantity: 5, beta: 4}]""".indent(4);

    @Test
    void aDeviceNamingOneOfItsEnterprisesUnitsGivesThatUnitToItsSensors() throws IOException {
        Registry registry = load(UNITS, "        unit: ammonia tanks");

        assertThat(registry.unitOf("ent-a", "tank-1")).contains("ammonia tanks");
        assertThat(registry.unitOf("ent-a", "office-1")).isEmpty();
        assertThat(registry.unitOf("ent-b", "tank-1")).isEmpty();
    }

    @Test
    void aDeviceNamingAnUnknownUnitStopsTheRegistryNamingTheFieldAndTheUnits() {
        assertThatThrownBy(() -> load(UNITS, "        unit: ammonia tank"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("enterprises[0].devices[0].unit: 'ammonia tank' is not a major-hazard unit of enterprise"
                        + " 'ent-a' (majorHazards[].unit: ammonia tanks, chlorine store)");
    }

    @Test
    void aDeviceNamingAUnitOfAnEnterpriseWithoutMajorHazardsIsRefused() {
        assertThatThrownBy(() -> load("", "        unit: ammonia tanks"))
                .hasMessage("enterprises[0].devices[0].unit: 'ammonia tanks' is not a major-hazard unit of enterprise"
                        + " 'ent-a' (it declares no majorHazards)");
    }
}
