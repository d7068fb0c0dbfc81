package io.hazardwatch.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.hazard.MajorHazardGrade;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional park-plan geometry of the registry: enterprise positions and grid-cell outlines. */
class RegistryPlanTest {

    private static final String HASH = "$2a$04$AJeSp2XDSuVHmDoAX.5xHuYCb4rccjlQ1ET1RlVUmgRPsiXxi3KZq";

    @TempDir
    Path dir;

    private Registry load(String position, String gridCells) throws IOException {
        String yaml = """
                version: 1
                enterprises:
                  - id: ent-a
                    name: A Chemicals
                    gridCell: grid-1
                %s
                    credentials:
                      - {username: ent-a-gw, passwordHash: "%s"}
                    devices:
                      - id: tank-1
                        sensors:
                          - {id: gas-1, type: COMBUSTIBLE_GAS}
                %s
                """.formatted(position, HASH, gridCells);
        return Registry.load(Files.writeString(dir.resolve("registry.yaml"), yaml));
    }

    @Test
    void eachDeclaredMajorHazardUnitIsGradedAndTheEnterpriseTakesTheMostSevereLevel() throws IOException {
        Registry registry = load("""
                majorHazards:
                  - unit: 液氨储罐区 ammonia tanks
                    peopleWithin500m: 120
                    substances:
                      - {name: 液氨 ammonia, quantity: 30, criticalQuantity: 10, beta: 2}
                  - unit: 氯气库 chlorine store
                    peopleWithin500m: 120
                    substances:
                      - {name: 氯 chlorine, quantity: 40, criticalQuantity: 5, beta: 4}
                  - unit: 办公区 offices
                    peopleWithin500m: 120
                    substances:
                      - {name: 液氨 ammonia, quantity: 1, criticalQuantity: 10, beta: 2}""".indent(4), "");

        RegistryFile.Enterprise ent = registry.enterprises().iterator().next();
        // ammonia: R = 2.0 · 2 · 3 = 12 → level 3; chlorine: R = 2.0 · 4 · 8 = 64 → level 2; offices: S = 0.1, none
        assertThat(ent.majorHazards()).extracting(u -> u.grade().level()).containsExactly(3, 2, null);
        assertThat(MajorHazardGrade.mostSevereLevel(ent.majorHazards().stream().map(u -> u.grade()).toList()))
                .isEqualTo(2);
    }

    @Test
    void aBadMajorHazardDeclarationNamesTheField() {
        assertThatThrownBy(() -> load("""
                majorHazards:
                  - unit: tanks
                    substances: [{name: ammonia, quantity: 30, criticalQuantity: 10, beta: 2}]""".indent(4), ""))
                .hasMessageStartingWith("enterprises[0].majorHazards[0].peopleWithin500m: required");
        assertThatThrownBy(() -> load("""
                majorHazards:
                  - unit: tanks
                    peopleWithin500m: 5
                    substances: [{name: ammonia, quantity: 30, criticalQuantity: 0, beta: 2}]""".indent(4), ""))
                .hasMessage("enterprises[0].majorHazards[0].substances[0].criticalQuantity: required, a number above 0");
        assertThatThrownBy(() -> load("""
                majorHazards:
                  - {unit: tanks, peopleWithin500m: 5, substances: []}""".indent(4), ""))
                .hasMessage("enterprises[0].majorHazards[0].substances: required, at least one");
        assertThatThrownBy(() -> load("""
                majorHazards:
                  - {unit: tanks, peopleWithin500m: 5, substances: [{name: a, quantity: 1, criticalQuantity: 1, beta: 1}]}
                  - {unit: tanks, peopleWithin500m: 5, substances: [{name: a, quantity: 1, criticalQuantity: 1, beta: 1}]}"""
                .indent(4), ""))
                .hasMessage("enterprises[0].majorHazards[1].unit: 'tanks' is listed twice");
    }

    @Test
    void aRegistryWithoutPlanStillLoads() throws IOException {
        Registry registry = load("", "");

        assertThat(registry.gridCells()).isEmpty();
        assertThat(registry.enterprises()).singleElement()
                .satisfies(e -> assertThat(e.position()).isNull());
    }

    @Test
    void positionsAndCellOutlinesAreRead() throws IOException {
        Registry registry = load("    position: {x: 120, y: 80.5}", """
                gridCells:
                  - {id: grid-1, name: East 1, x: 0, y: 0, width: 500, height: 300}
                  - id: grid-2
                    outline: [{x: 500, y: 0}, {x: 900, y: 0}, {x: 700, y: 300}]
                """);

        RegistryFile.Enterprise ent = registry.enterprises().iterator().next();
        assertThat(ent.position()).isEqualTo(new RegistryFile.Position(120.0, 80.5));
        assertThat(registry.gridCells()).hasSize(2);
        assertThat(registry.gridCells().get(0).width()).isEqualTo(500);
        assertThat(registry.gridCells().get(1).outline()).hasSize(3);
    }

    @Test
    void aPositionWithoutYIsRefused() throws IOException {
        assertThatThrownBy(() -> load("    position: {x: 1}", ""))
                .hasMessageContaining("enterprises[0].position: x and y are required");
    }

    @Test
    void aCellWithoutSizeOrOutlineIsRefused() throws IOException {
        assertThatThrownBy(() -> load("", """
                gridCells:
                  - {id: grid-1, x: 0, y: 0}
                """)).hasMessageContaining("gridCells[0]: needs x, y, width and height");
        assertThatThrownBy(() -> load("", """
                gridCells:
                  - {id: grid-1, x: 0, y: 0, width: 1, height: 1}
                  - {id: grid-1, x: 0, y: 0, width: 1, height: 1}
                """)).hasMessageContaining("gridCells[1].id: duplicate grid cell 'grid-1'");
    }
}
