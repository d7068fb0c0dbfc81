package io.hazardwatch.alerts.acklink;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.config.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;

/**
 * The acknowledge links' settings.
 *
 * @param secret     {@value #SECRET}: the HMAC key of the tokens (at least 32 characters; from the environment,
 *                   {@code HW_ALERT_ACK_SECRET}); required when the board's public address is not loopback, otherwise
 *                   a random one per start (links then die with a restart, which is said in a log line)
 * @param random     whether the secret was made up at start
 * @param validFor   {@value #EXPIRY_HOURS}: how long a link works, default 24 h, 1 to 168
 * @param perMinute  {@value #PER_MINUTE}: requests to {@code /ack/...} one source address may make a minute, default 30
 */
public record AckLinkConfig(Secret secret, boolean random, Duration validFor, int perMinute) {

    public static final String SECRET = "alert.ack.secret";
    public static final String EXPIRY_HOURS = "alert.ack.expiry-hours";
    public static final String PER_MINUTE = "alert.ack.per-minute";
    private static final int MIN_SECRET = 32;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    /** Defaults for a board on a loopback address: a random secret. */
    public static AckLinkConfig defaults() {
        return new AckLinkConfig(randomSecret(), true, Duration.ofHours(24), 30);
    }

    /** Reads the keys; {@code publicUrl} is the board's public address ({@code alert.board.public-url}). */
    public static AckLinkConfig from(Settings settings, String publicUrl) {
        String secret = settings.string(SECRET, "");
        Duration validFor = Duration.ofHours(settings.integer(EXPIRY_HOURS, 24, 1, 168));
        int perMinute = settings.integer(PER_MINUTE, 30, 1, 10_000);
        if (secret.isEmpty()) {
            if (!loopback(publicUrl)) {
                throw new ConfigException(SECRET + ": required (at least " + MIN_SECRET + " characters, from the environment"
                        + " HW_ALERT_ACK_SECRET) when the board's public address " + publicUrl + " is not loopback");
            }
            return new AckLinkConfig(randomSecret(), true, validFor, perMinute);
        }
        if (secret.length() < MIN_SECRET) {
            throw new ConfigException(SECRET + ": at least " + MIN_SECRET + " characters");
        }
        return new AckLinkConfig(Secret.of(secret), false, validFor, perMinute);
    }

    public byte[] key() {
        return secret.reveal().getBytes(StandardCharsets.UTF_8);
    }

    static boolean loopback(String url) {
        String host = URI.create(url).getHost();
        return host == null || LOOPBACK.contains(host) || host.startsWith("127.");
    }

    private static Secret randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Secret.of(HexFormat.of().formatHex(bytes));
    }
}
