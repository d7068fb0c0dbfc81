package io.hazardwatch.alerts.acklink;

import io.hazardwatch.notify.signing.Hmac;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The acknowledge link's token: which incident, which person, until when — signed with HMAC-SHA256.
 *
 * <p>It must fit one SMS template variable (Aliyun: 35 characters), so it carries no ids but a short digest of each
 * (the service finds the incident and the person whose digest it is) and a MAC truncated to 96 bits (RFC 2104 allows
 * truncation to at least half the hash length, and 80 bits): 6 bytes incident digest, 4 bytes person digest, 4 bytes
 * expiry (Unix seconds), 12 bytes MAC over {@code incidentId \n personId \n expiry} = 26 bytes = 35 Base64url
 * characters. The digests only locate; the MAC over the full ids decides.
 */
public record AckToken(byte[] incidentDigest, byte[] personDigest, Instant expiresAt, byte[] mac) {

    /** Length of a token in characters. */
    public static final int LENGTH = 35;
    private static final int INCIDENT = 6;
    private static final int PERSON = 4;
    private static final int MAC = 12;
    private static final int BYTES = INCIDENT + PERSON + 4 + MAC;

    /** The signed token of {@code incidentId} for {@code personId}, valid until {@code expiresAt}. */
    public static String sign(byte[] secret, String incidentId, String personId, Instant expiresAt) {
        ByteBuffer out = ByteBuffer.allocate(BYTES);
        out.put(digest(incidentId, INCIDENT)).put(digest(personId, PERSON)).putInt((int) expiresAt.getEpochSecond())
                .put(mac(secret, incidentId, personId, expiresAt));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /** The token's parts, or empty if it is not one (wrong length or alphabet). */
    public static Optional<AckToken> parse(String token) {
        if (token == null || token.length() != LENGTH || !token.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
        byte[] incident = new byte[INCIDENT];
        byte[] person = new byte[PERSON];
        byte[] mac = new byte[MAC];
        in.get(incident).get(person);
        Instant expires = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
        in.get(mac);
        return Optional.of(new AckToken(incident, person, expires, mac));
    }

    /** Whether the token's incident digest is this incident's (a hint only: {@link #signedFor} decides). */
    public boolean locatesIncident(String incidentId) {
        return Arrays.equals(incidentDigest, digest(incidentId, INCIDENT));
    }

    /** Whether the token's person digest is this person's (a hint only). */
    public boolean locatesPerson(String personId) {
        return Arrays.equals(personDigest, digest(personId, PERSON));
    }

    /** Whether this token was signed with {@code secret} for exactly this incident, person and expiry (constant time). */
    public boolean signedFor(byte[] secret, String incidentId, String personId) {
        return MessageDigest.isEqual(mac, mac(secret, incidentId, personId, expiresAt));
    }

    private static byte[] mac(byte[] secret, String incidentId, String personId, Instant expiresAt) {
        return Arrays.copyOf(Hmac.sha256(secret, incidentId + "\n" + personId + "\n" + expiresAt.getEpochSecond()), MAC);
    }

    private static byte[] digest(String id, int bytes) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)), bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
