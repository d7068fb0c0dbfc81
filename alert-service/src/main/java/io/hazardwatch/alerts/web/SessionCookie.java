package io.hazardwatch.alerts.web;

import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.logins.StoredLogin;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of the board's session cookie, signed with HMAC-SHA256 under {@code alert.board.session-secret}, so that
 * a restarted service can re-admit a login it has no memory of:
 * {@code v1.<username>.<id>.<deadline>.<fingerprint>.<mac>} (username base64url, deadline in epoch seconds). The fingerprint is a MAC of the user's password hash, role and
 * scope as the users file has them: a changed password, a removed user or a changed role no longer matches. The
 * session's CSRF token is derived from its id ({@code HMAC(secret, "csrf:" + id)}), so it survives a restart too.
 */
final class SessionCookie {

    /** What a valid cookie says. */
    record Claims(String username, String id, long deadline, String fingerprint) {
    }

    private static final String VERSION = "v1";
    private static final int FINGERPRINT_BYTES = 18;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    SessionCookie(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String sign(Claims claims) {
        String body = String.join(".", VERSION, B64.encodeToString(claims.username().getBytes(StandardCharsets.UTF_8)),
                claims.id(), Long.toString(claims.deadline()), claims.fingerprint());
        return body + "." + B64.encodeToString(mac(body));
    }

    /** The claims of a cookie value signed with this key, whatever its deadline; empty if forged or malformed. */
    Optional<Claims> verify(String value) {
        if (value == null || value.length() > 1024) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 6 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            byte[] given = Base64.getUrlDecoder().decode(parts[5]);
            if (!MessageDigest.isEqual(given, mac(value.substring(0, value.lastIndexOf('.'))))) {
                return Optional.empty();
            }
            String username = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return Optional.of(new Claims(username, parts[2], Long.parseLong(parts[3]), parts[4]));
        } catch (IllegalArgumentException e) { // bad base64 or number: not ours
            return Optional.empty();
        }
    }

    /** The CSRF token of the session {@code id}. */
    String csrf(String id) {
        return B64.encodeToString(mac("csrf:" + id));
    }

    /** A MAC of what the users file says about a user: it changes when their password, role or scope does. */
    String fingerprint(StoredLogin<User> login) {
        User user = login.principal();
        String facts = String.join("\n", "user:" + user.username(), login.passwordHash(), String.valueOf(user.role()),
                String.valueOf(user.enterprise()), String.valueOf(user.gridCells()));
        return B64.encodeToString(Arrays.copyOf(mac(facts), FINGERPRINT_BYTES));
    }

    static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
