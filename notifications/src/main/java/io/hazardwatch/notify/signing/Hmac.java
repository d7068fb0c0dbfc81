package io.hazardwatch.notify.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The keyed hashes the providers' signature schemes are built from (JDK crypto, nothing hand-rolled). */
public final class Hmac {

    private Hmac() {
    }

    public static byte[] sha256(byte[] key, String data) {
        return mac("HmacSHA256", key, data);
    }

    public static byte[] sha256(String key, String data) {
        return sha256(key.getBytes(StandardCharsets.UTF_8), data);
    }

    public static byte[] sha1(String key, String data) {
        return mac("HmacSHA1", key.getBytes(StandardCharsets.UTF_8), data);
    }

    public static String sha256Hex(String key, String data) {
        return hex(sha256(key, data));
    }

    public static String sha256Base64(String key, String data) {
        return Base64.getEncoder().encodeToString(sha256(key, data));
    }

    /** Plain SHA-256 of {@code data}, lower-case hex (Tencent TC3 and Aliyun ACS3 hash the payload so). */
    public static String sha256HexDigest(String data) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Compares two signatures in constant time (for receivers and tests that verify one). */
    public static boolean same(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
