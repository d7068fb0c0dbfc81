package io.hazardwatch.model.registry;

import java.util.Optional;

/**
 * The kinds of stored login hash a credentials file may hold, told apart by their prefix. The one place that knows
 * them: the registry's validation asks it, and module {@code logins} checks a password by the kind it names.
 *
 * <ul>
 *   <li>{@link #BCRYPT} ({@code $2a$}, {@code $2b$}, {@code $2y$}): for passwords a person chose. Slow on purpose
 *       (~70 ms at cost 10), so that a stolen file does not give the passwords away.</li>
 *   <li>{@link #DEVICE_SECRET} ({@code $hwsec1$<salt>$<sha-256>}): for secrets a machine generated ({@code bin/hw
 *       device-secret}: 256 random bits). Guessing such a secret from its hash is hopeless however fast the hash, so
 *       it is one salted SHA-256 (microseconds): 20 000 devices reconnecting at once cost the gateway a fraction of a
 *       second, not the ~12 minutes of bcrypt on two cores.</li>
 * </ul>
 */
public enum LoginHash {
    BCRYPT,
    DEVICE_SECRET;

    /** Prefix of a {@link #DEVICE_SECRET} hash. */
    public static final String DEVICE_SECRET_PREFIX = "$hwsec1$";

    /** The kind of a stored hash; empty if it is none of them. */
    public static Optional<LoginHash> of(String hash) {
        if (hash == null) {
            return Optional.empty();
        }
        if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
            return Optional.of(BCRYPT);
        }
        if (hash.startsWith(DEVICE_SECRET_PREFIX) && hash.indexOf('$', DEVICE_SECRET_PREFIX.length()) > 0) {
            return Optional.of(DEVICE_SECRET);
        }
        return Optional.empty();
    }

    /** Whether checking a password against this kind of hash is cheap enough for an event loop. */
    public boolean cheap() {
        return this == DEVICE_SECRET;
    }
}
