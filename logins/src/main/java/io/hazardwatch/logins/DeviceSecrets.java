package io.hazardwatch.logins;

import io.hazardwatch.model.registry.LoginHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets for device and gateway logins, issued by a machine, and their stored hash
 * ({@link LoginHash#DEVICE_SECRET}: {@code $hwsec1$<salt>$<SHA-256 of salt and secret>}, both base64url).
 *
 * <p>A secret is 256 random bits; nobody recovers one from its hash by guessing, so the hash need not be slow: one
 * SHA-256, a few microseconds, cheap enough to check on the event loop that received the CONNECT. A person's
 * password must never be stored this way (bcrypt: {@link Passwords}); {@link #matches} therefore refuses any
 * password shorter than {@link #MIN_LENGTH}, so that a hand-made hash of a short word cannot log in either.
 */
public final class DeviceSecrets {

    /** Length of an issued secret: {@code hws_} and 43 base64url characters (32 random bytes). */
    public static final int MIN_LENGTH = 32;
    private static final String SECRET_PREFIX = "hws_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_IN = Base64.getUrlDecoder();

    private DeviceSecrets() {
    }

    /** A new random secret (256 bits). Show it once to whoever configures the device; store only {@link #hash}. */
    public static String issue() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return SECRET_PREFIX + B64.encodeToString(secret);
    }

    /** The stored form of a secret, with a fresh random salt. */
    public static String hash(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a device secret has at least " + MIN_LENGTH
                    + " characters (issue one with `bin/hw device-secret`)");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return LoginHash.DEVICE_SECRET_PREFIX + B64.encodeToString(salt) + "$" + B64.encodeToString(digest(salt, secret));
    }

    /** Whether a secret matches its stored hash; false for anything malformed. Constant time in the digest. */
    public static boolean matches(String secret, String hash) {
        if (secret == null || secret.length() < MIN_LENGTH || LoginHash.of(hash).orElse(null) != LoginHash.DEVICE_SECRET) {
            return false;
        }
        int split = hash.indexOf('$', LoginHash.DEVICE_SECRET_PREFIX.length());
        try {
            byte[] salt = B64_IN.decode(hash.substring(LoginHash.DEVICE_SECRET_PREFIX.length(), split));
            byte[] expected = B64_IN.decode(hash.substring(split + 1));
            return MessageDigest.isEqual(expected, digest(salt, secret));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
