package io.hazardwatch.logins;

import io.hazardwatch.model.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Production mode: a service that listens on an address other machines can reach refuses to start while a login of
 * its registry or users file still has one of the demo's hashes — their passwords are printed in our README and
 * {@code deploy/config}. On a loopback address (the demo, the tests) they are fine.
 */
public final class DemoLogins {

    /**
     * The hashes of {@code deploy/config/registry.yaml} and {@code deploy/config/users.yaml} (kept in step by
     * {@code DemoLoginsTest}, which reads both files): whoever read our docs knows their passwords.
     */
    static final Set<String> KNOWN_HASHES = Set.of(
            "$2a$10$Bhe1EbaMvqWEdQMnw4iXXegHbMuIG.6g87i7xv8XQ4JCo9d7SX.TC",
            "$2a$10$SnE/gyK/meImKFgyvvY6Iu2wWnlBvYyrpUPZhzKn1pSK.tMJzyvXG",
            "$2a$10$jHiI5CcwKAlCCAwQsAkH..qrBiIiX5tXp8QMlseFNj2V5L.Y21jjC",
            "$2a$10$EBqcI0WwaOn.FUeYyJpJD.SjmNAXoDkV0r1HkMDPy3ELDJfCZP9nq",
            "$2a$10$uOizdgP89vU1nQHxqHYc6elnIT1zEvLm3vpjjnERH8rdQXrJkZadW",
            "$2a$10$VPOr3HyPGq8tFdM3jxbppu495GbTjR3YDDq1cNxEzC1NQ2INC1MXW",
            "$2a$10$BgA1w3Kv7yw5JUD8BAAf/OQ9T0nJfVgVgyLUFKOnW8fMVHmWFff6i",
            "$2a$10$10jTJZPhzZ.nemPlQRVRq.qjWk3tSQ/7RVVl2/rYTClhFoD/vCaWu");

    private DemoLogins() {
    }

    /** Whether {@code host} binds only to this machine (127.0.0.0/8, ::1, a name resolving to them). 0.0.0.0 is not. */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Refuses to start ({@link ConfigException}) when {@code host} (the value of {@code hostKey}) is not loopback and a
     * login of {@code hashes} (username → stored hash, read from {@code fileKey}) has a demo hash; the message names
     * the logins and {@code howToReplace}.
     */
    public static void refuseOnReachableAddress(String hostKey, String host, String fileKey, Map<String, String> hashes,
                                                String howToReplace) {
        if (isLoopback(host)) {
            return;
        }
        Map<String, String> demo = new TreeMap<>();
        hashes.forEach((user, hash) -> {
            if (KNOWN_HASHES.contains(hash)) {
                demo.put(user, hash);
            }
        });
        if (!demo.isEmpty()) {
            throw new ConfigException(fileKey + ": login(s) " + String.join(", ", demo.keySet()) + " still have the "
                    + "demo's password hash, whose password is published, and " + hostKey + "=" + host + " is reachable "
                    + "from other machines; " + howToReplace + " (or bind " + hostKey + " to 127.0.0.1)");
        }
    }
}
