package io.hazardwatch.alerts.config;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.config.Secret;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The one rule for the alert service's own HMAC keys (the acknowledge links' {@code alert.ack.secret}, the board's
 * {@code alert.board.session-secret}): at least {@value #MIN_LENGTH} characters, set by environment; required when
 * the board's public address is not loopback (what it signs must outlive a restart and cannot be forged by anyone
 * who reads a default); on loopback (a developer's machine, the demo) a random key per start may stand in.
 */
public final class SigningSecrets {

    public static final int MIN_LENGTH = 32;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private SigningSecrets() {
    }

    /** The secret of {@code key}; null when it is not set and {@code publicUrl} is loopback (make one up). */
    public static Secret read(Settings settings, String key, String publicUrl) {
        String secret = settings.string(key, "");
        if (secret.isEmpty()) {
            if (!loopback(publicUrl)) {
                throw new ConfigException(key + ": required (at least " + MIN_LENGTH + " characters, from the"
                        + " environment " + Settings.envName(key) + ") when the board's public address " + publicUrl
                        + " is not loopback");
            }
            return null;
        }
        if (secret.length() < MIN_LENGTH) {
            throw new ConfigException(key + ": at least " + MIN_LENGTH + " characters");
        }
        return Secret.of(secret);
    }

    /** A random key for one start (256 bits). */
    public static Secret random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Secret.of(HexFormat.of().formatHex(bytes));
    }

    static boolean loopback(String url) {
        String host = URI.create(url).getHost();
        return host == null || LOOPBACK.contains(host) || host.startsWith("127.");
    }
}
