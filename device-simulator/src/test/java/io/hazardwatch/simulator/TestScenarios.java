package io.hazardwatch.simulator;

import io.hazardwatch.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small scenario for tests: {@code ent-a} (login ent-a-gw / s3cret) with device {@code tank-1}
 * ({@code lel-1} leaking from 3 to 65 %LEL after 15 s over 30 s, held 60 s, decaying 30 s, noise sd 0.3;
 * {@code temp-1} 20 degC) and device {@code tank-2} ({@code lel-2} 2 %LEL); {@code ent-b} (ent-b-gw / s3cret)
 * with device {@code room-1} ({@code nh3-1} 4 ppm). Three devices in all.
 */
public final class TestScenarios {

    public static final int DEVICES = 3;

    public static final String YAML = """
            broker: %s
            enterprises:
              - id: ent-a
                username: ent-a-gw
                password: s3cret
                devices:
                  - id: tank-1
                    sensors:
                      - id: lel-1
                        unit: "%%LEL"
                        behaviour: {type: leak, mean: 3, sd: 0.3, startAfter: 15, peak: 65, rampSeconds: 30,
                                    holdSeconds: 60, decaySeconds: 30}
                      - id: temp-1
                        unit: degC
                        behaviour: {type: baseline, mean: 20, sd: 0.5}
                  - id: tank-2
                    sensors:
                      - {id: lel-2, unit: "%%LEL", behaviour: {type: baseline, mean: 2, sd: 0.3}}
              - id: ent-b
                username: ent-b-gw
                password: s3cret
                devices:
                  - id: room-1
                    sensors:
                      - {id: nh3-1, unit: ppm, behaviour: {type: baseline, mean: 4, sd: 0.4}}
            """;

    private TestScenarios() {
    }

    /** The scenario YAML publishing to {@code broker}. */
    public static String yaml(String broker) {
        return YAML.formatted(broker);
    }

    /** Writes the scenario into {@code dir} and returns its path. */
    public static Path write(Path dir, String broker) {
        try {
            return Files.writeString(dir.resolve("scenario.yaml"), yaml(broker));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario load(Path dir, String broker) {
        return Scenario.load(write(dir, broker));
    }
}
