package io.hazardwatch.alerts.acklink;

import io.hazardwatch.alerts.config.SigningSecrets;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.notify.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The acknowledge links' settings.
 *
 * @param secret     {@value #SECRET}: the HMAC key of the tokens (at least 32 characters; from the environment,
 *                   {@code HW_ALERT_ACK_SECRET}); required when the board's public address is not loopback, otherwise
 *                   a random one per start (links then die with a restart, which is said in a log line; the rule:
 *                   {@link SigningSecrets})
 * @param random     whether the secret was made up at start
 * @param validFor   {@value #EXPIRY_HOURS}: how long a link works, default 24 h, 1 to 168
 * @param perMinute  {@value #PER_MINUTE}: requests to {@code /ack/...} one source address may make a minute, default 30
 */
public record AckLinkConfig(Secret secret, boolean random, Duration validFor, int perMinute) {

    public static final String SECRET = "alert.ack.secret";
    public static final String EXPIRY_HOURS = "alert.ack.expiry-hours";
    public static final String PER_MINUTE = "alert.ack.per-minute";

    /** Defaults for a board on a loopback address: a random secret. */
    public static AckLinkConfig defaults() {
        return new AckLinkConfig(randomSecret(), true, Duration.ofHours(24), 30);
    }

    /** Reads the keys; {@code publicUrl} is the board's public address ({@code alert.board.public-url}). */
    public static AckLinkConfig from(Settings settings, String publicUrl) {
        Secret secret = SigningSecrets.read(settings, SECRET, publicUrl);
        Duration validFor = Duration.ofHours(settings.integer(EXPIRY_HOURS, 24, 1, 168));
        int perMinute = settings.integer(PER_MINUTE, 30, 1, 10_000);
        return secret == null ? new AckLinkConfig(randomSecret(), true, validFor, perMinute)
                : new AckLinkConfig(secret, false, validFor, perMinute);
    }

    public byte[] key() {
        return secret.reveal().getBytes(StandardCharsets.UTF_8);
    }

    private static Secret randomSecret() {
        return SigningSecrets.random();
    }
}
