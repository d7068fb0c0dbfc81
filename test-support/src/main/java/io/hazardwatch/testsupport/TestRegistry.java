package io.hazardwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A registry file with two enterprises and known credentials, for tests.
 * <ul>
 *   <li>{@code ent-a} (grid-1), login {@code ent-a-gw} / {@link #PASSWORD}: device {@code tank-1} (own login
 *       {@code tank-1-dev} / {@link #PASSWORD}) with
 *       {@code lel-1} (COMBUSTIBLE_GAS 25/50 %LEL) and {@code temp-1} (TEMPERATURE 60/80 degC)</li>
 *   <li>{@code ent-b} (grid-2), login {@code ent-b-gw} / {@link #PASSWORD}: device {@code room-1} with
 *       {@code nh3-1} (AMMONIA 25/50 ppm)</li>
 * </ul>
 */
public final class TestRegistry {

    public static final String PASSWORD = "s3cret";
    public static final String ENT_A = "ent-a";
    public static final String ENT_A_USER = "ent-a-gw";
    public static final String ENT_A_DEVICE = "tank-1";
    /** The own login of device {@code tank-1}: it may publish for that device only. */
    public static final String ENT_A_DEVICE_USER = "tank-1-dev";
    public static final String ENT_A_GAS = "lel-1";
    public static final String ENT_A_TEMP = "temp-1";
    public static final String ENT_B = "ent-b";
    public static final String ENT_B_USER = "ent-b-gw";
    public static final String ENT_B_DEVICE = "room-1";
    public static final String ENT_B_NH3 = "nh3-1";

    /** bcrypt of "s3cret" at cost 4, so that tests authenticate quickly. */
    public static final String PASSWORD_HASH = "$2a$04$AJeSp2XDSuVHmDoAX.5xHuYCb4rccjlQ1ET1RlVUmgRPsiXxi3KZq";
    private static final String HASH = "$2a$04$AJeSp2XDSuVHmDoAX.5xHuYCb4rccjlQ1ET1RlVUmgRPsiXxi3KZq";

    public static final String YAML = """
            version: 1
            enterprises:
              - id: ent-a
                name: Test Chemicals A
                gridCell: grid-1
                credentials:
                  - {username: ent-a-gw, passwordHash: "%1$s"}
                devices:
                  - id: tank-1
                    credentials:
                      - {username: tank-1-dev, passwordHash: "%1$s"}
                    sensors:
                      - {id: lel-1, type: COMBUSTIBLE_GAS}
                      - id: temp-1
                        type: TEMPERATURE
                        thresholds: {firstHigh: 60, secondHigh: 80}
              - id: ent-b
                name: Test Cold Store B
                gridCell: grid-2
                credentials:
                  - {username: ent-b-gw, passwordHash: "%1$s"}
                devices:
                  - id: room-1
                    sensors:
                      - {id: nh3-1, type: AMMONIA}
            """.formatted(HASH);

    private TestRegistry() {
    }

    /** Writes the registry into {@code dir} and returns its path. */
    public static Path write(Path dir) {
        try {
            return Files.writeString(dir.resolve("registry.yaml"), YAML);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
