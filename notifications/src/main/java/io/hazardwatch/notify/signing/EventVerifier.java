package io.hazardwatch.notify.signing;

import io.hazardwatch.notify.config.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The receiver's side of a signed event ({@link WebhookSignature#signEvent}): the dispatch centre checks our webhooks
 * with it, and we check dispatch's callbacks. An event is taken only if it is signed with the shared secret, its
 * timestamp is within the replay window of our clock (either way), and its idempotency key was not taken before
 * within that window. A captured request therefore cannot be sent again: with its own timestamp it is a replay of a
 * seen key until the timestamp goes stale, and after that it is stale; a new timestamp or key breaks the signature.
 * <p>
 * Keys are remembered only for events whose signature is valid (so a stranger cannot fill the memory), each until
 * its timestamp leaves the window. At most {@code maxKeys} are kept: beyond that a new event is refused as
 * {@link Outcome#BUSY} (the sender retries later) rather than a remembered key forgotten early. Thread-safe.
 */
public final class EventVerifier {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_KEYS = 100_000;

    /** Why an event was taken or refused; {@code status} is the HTTP answer a receiver gives. */
    public enum Outcome {
        ACCEPTED(200), UNSIGNED(403), BAD_TIMESTAMP(403), STALE(403), BAD_SIGNATURE(403),
        /** The key was taken before within the window: the sender has this event already (409, as our client reads it). */
        REPLAY(409),
        BUSY(503);

        public final int status;

        Outcome(int status) {
            this.status = status;
        }
    }

    /** The outcome and a reason a person can act on (never the secret or the signature). */
    public record Verdict(Outcome outcome, String reason) {
        public boolean accepted() {
            return outcome == Outcome.ACCEPTED;
        }
    }

    private record Seen(String key, long expiresAtSecond) {
    }

    private final Secret secret;
    private final Duration window;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Long> seen = new HashMap<>();
    private final PriorityQueue<Seen> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtSecond, b.expiresAtSecond));

    public EventVerifier(Secret secret, Duration window, int maxKeys, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        if (window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("the replay window and the number of keys kept must be positive");
        }
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    public EventVerifier(Secret secret, Clock clock) {
        this(secret, DEFAULT_WINDOW, DEFAULT_MAX_KEYS, clock);
    }

    public Duration window() {
        return window;
    }

    /**
     * Checks one request's headers ({@code X-HW-Timestamp}, {@code Idempotency-Key}, {@code X-HW-Signature}) and body;
     * an accepted event's key is remembered, so the same call with the same arguments is then a {@link Outcome#REPLAY}.
     */
    public synchronized Verdict verify(String timestamp, String idempotencyKey, String body, String signature) {
        if (timestamp == null || idempotencyKey == null || signature == null) {
            return new Verdict(Outcome.UNSIGNED, "the request must carry X-HW-Timestamp, Idempotency-Key and X-HW-Signature");
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return new Verdict(Outcome.BAD_TIMESTAMP, "X-HW-Timestamp must be Unix seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - sent) > window.toSeconds()) {
            return new Verdict(Outcome.STALE, "X-HW-Timestamp is more than " + window.toSeconds()
                    + " s from now (a replay, or a clock that is off)");
        }
        if (!WebhookSignature.verifyEvent(secret.reveal(), timestamp.trim(), idempotencyKey, body, signature)) {
            return new Verdict(Outcome.BAD_SIGNATURE,
                    "X-HW-Signature does not match timestamp, Idempotency-Key and body");
        }
        forgetExpired(now);
        if (seen.containsKey(idempotencyKey)) {
            return new Verdict(Outcome.REPLAY, "Idempotency-Key " + idempotencyKey + " was taken already");
        }
        if (seen.size() >= maxKeys) {
            return new Verdict(Outcome.BUSY, "more than " + maxKeys + " events within " + window.toSeconds()
                    + " s: try again later");
        }
        long expires = sent + window.toSeconds();
        seen.put(idempotencyKey, expires);
        byExpiry.add(new Seen(idempotencyKey, expires));
        return new Verdict(Outcome.ACCEPTED, "accepted");
    }

    /**
     * Forgets a key taken by {@link #verify} whose event could not be processed after all (a bad body, a store that
     * failed), so that the sender's retry is not answered as a replay.
     */
    public synchronized void forget(String idempotencyKey) {
        seen.remove(idempotencyKey);
    }

    /** How many keys are remembered now (for tests and metrics). */
    public synchronized int remembered() {
        forgetExpired(clock.instant().getEpochSecond());
        return seen.size();
    }

    /** A key's timestamp has left the window: a replay of it is now refused as stale, so it need not be kept. */
    private void forgetExpired(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtSecond < now) {
            Seen old = byExpiry.poll();
            seen.remove(old.key, old.expiresAtSecond); // not a later event that reused a forgotten key
        }
    }
}
