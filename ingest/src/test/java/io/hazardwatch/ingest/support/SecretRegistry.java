package io.hazardwatch.ingest.support;

import io.hazardwatch.logins.DeviceSecrets;

/**
 * A registry for login tests: enterprise ent-a with device tank-1, whose own login {@link #SECRET_USER} has a device
 * secret ({@link #SECRET}, issued fresh per run), and the gateway login {@link #BCRYPT_USER} with a bcrypt hash the test
 * chooses (its cost sets how long a login takes).
 */
public final class SecretRegistry {

    public static final String ENTERPRISE = "ent-a";
    public static final String DEVICE = "tank-1";
    public static final String SENSOR = "temp-1";
    public static final String SECRET_USER = "tank-1-sec";
    public static final String BCRYPT_USER = "ent-a-gw";
    public static final String SECRET = DeviceSecrets.issue();

    private SecretRegistry() {
    }

    /** The registry YAML, with {@code bcryptHash} for {@link #BCRYPT_USER}. */
    public static String yaml(String bcryptHash) {
        return """
                version: 1
                enterprises:
                  - id: ent-a
                    gridCell: grid-1
                    credentials:
                      - {username: ent-a-gw, passwordHash: "%s"}
                    devices:
                      - id: tank-1
                        credentials:
                          - {username: tank-1-sec, passwordHash: "%s"}
                        sensors:
                          - {id: temp-1, type: TEMPERATURE, thresholds: {firstHigh: 60, secondHigh: 80}}
                """.formatted(bcryptHash, DeviceSecrets.hash(SECRET));
    }
}
