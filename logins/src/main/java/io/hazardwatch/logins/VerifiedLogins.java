package io.hazardwatch.logins;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Password logins checked against their stored bcrypt hash, with successes remembered: bcrypt takes milliseconds
 * by design, too slow to run for every request of a client that sends its login each time (HTTP). A login is
 * remembered by a SHA-256 of username and password (never the password in clear), for a bounded time or until
 * {@link #forget()}, and at most {@code maxRemembered} of them: when full, all are forgotten at once.
 *
 * <p>{@link #remembered} is cheap (for the event loop); {@link #verify} runs bcrypt (call it off the event loop).
 * Both may be called from any thread.
 *
 * @param <P> what a login yields (a registry {@code Principal}, an alert-service {@code User})
 */
public final class VerifiedLogins<P> {

    private record Remembered<P>(P principal, long verifiedAtNanos) {
    }

    private final int maxRemembered;
    /** Negative: until {@link #forget()}. */
    private final long rememberNanos;
    private final ConcurrentMap<String, Remembered<P>> remembered = new ConcurrentHashMap<>();

    private VerifiedLogins(int maxRemembered, long rememberNanos) {
        if (maxRemembered < 1) {
            throw new IllegalArgumentException("maxRemembered must be at least 1");
        }
        this.maxRemembered = maxRemembered;
        this.rememberNanos = rememberNanos;
    }

    /** Remembers each verified login until {@link #forget()} (the credentials changed). */
    public static <P> VerifiedLogins<P> untilForgotten(int maxRemembered) {
        return new VerifiedLogins<>(maxRemembered, -1);
    }

    /** Remembers each verified login for {@code rememberFor} (so a changed password is asked again after it). */
    public static <P> VerifiedLogins<P> rememberedFor(Duration rememberFor, int maxRemembered) {
        return new VerifiedLogins<>(maxRemembered, rememberFor.toNanos());
    }

    /** The principal of a login verified before and still remembered. Cheap. */
    public Optional<P> remembered(String username, String password) {
        Remembered<P> hit = remembered.get(key(username, password));
        if (hit == null || (rememberNanos >= 0 && System.nanoTime() - hit.verifiedAtNanos() >= rememberNanos)) {
            return Optional.empty();
        }
        return Optional.of(hit.principal());
    }

    /**
     * Checks a password against the stored login of its username (empty: no such user) and remembers a success.
     * bcrypt: call it off the event loop.
     */
    public Optional<P> verify(String username, String password, Optional<StoredLogin<P>> stored) {
        Optional<P> principal = stored.flatMap(s -> s.check(password));
        principal.ifPresent(p -> {
            if (remembered.size() >= maxRemembered) {
                remembered.clear();
            }
            remembered.put(key(username, password), new Remembered<>(p, System.nanoTime()));
        });
        return principal;
    }

    /** Forgets every verified login (the credentials changed: one may have been revoked). */
    public void forget() {
        remembered.clear();
    }

    /** Length-prefixed, so that no two (username, password) pairs share a key. */
    private static String key(String username, String password) {
        String login = username.length() + ":" + username + ":" + password;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(login.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
