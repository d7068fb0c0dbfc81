package io.hazardwatch.logins;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throttles password guessing, per username and per source address (the gateway's MQTT and HTTP logins, the board's
 * {@code POST /login} and Basic). After {@code afterFailures} failed logins within
 * the window, the username (or address) is throttled for {@code firstDelay} (1 s), and each further failure doubles
 * that, up to {@code maxDelay}: while throttled a login is refused at once, its password not checked. So a guess costs
 * no bcrypt run and teaches nothing (the answer is the same for a right and a wrong password), and a guesser gets one
 * checked guess per {@code maxDelay} per username or address instead of ~20 a second. Refusing beats holding the
 * answer back: a delayed answer would keep a socket per guess open, and parallel connections would keep the rate up.
 *
 * <p>A source address from which a username logged in successfully (in the last {@link #KNOWN_FOR}) is neither
 * throttled nor counted for that username: a guesser elsewhere cannot lock a device out, nor a misconfigured device
 * the others behind the same NAT address. Only a login that knows the password makes a pair known. Memory is
 * bounded: at most {@code maxEntries} failure records and as many known pairs, the least recently used dropped first;
 * a failure record is forgotten once its window passes without a failure. Thread-safe; each call is a map operation
 * under a lock.
 */
public final class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    static final Duration KNOWN_FOR = Duration.ofHours(24);

    private static final class Failures {
        int count;
        long lastFailureNanos;
        long delayNanos;
        long throttledUntilNanos;
    }

    private final int afterFailures;
    private final long windowNanos;
    private final long firstDelayNanos;
    private final long maxDelayNanos;
    private final LongSupplier nanos;
    private final Map<String, Failures> failures;
    private final Map<String, Long> knownSources;

    public LoginThrottle(int afterFailures, Duration window, Duration firstDelay, Duration maxDelay, int maxEntries,
                         LongSupplier nanos) {
        if (afterFailures < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("afterFailures and maxEntries must be at least 1");
        }
        this.afterFailures = afterFailures;
        this.windowNanos = window.toNanos();
        this.firstDelayNanos = firstDelay.toNanos();
        this.maxDelayNanos = Math.max(maxDelay.toNanos(), firstDelayNanos);
        this.nanos = nanos;
        this.failures = bounded(maxEntries);
        this.knownSources = bounded(maxEntries);
    }

    private static <V> Map<String, V> bounded(int maxEntries) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** 0 if a login of {@code username} from {@code address} may be checked now, else nanoseconds until it may. */
    public synchronized long throttledFor(String username, String address) {
        long now = nanos.getAsLong();
        if (isKnownSource(username, address, now)) {
            return 0;
        }
        return Math.max(remaining(failures.get(addressKey(address)), now),
                remaining(failures.get(userKey(username)), now));
    }

    /**
     * {@code check} guarded: refused with {@link Throttled} if the username or address is throttled when it runs,
     * its outcome counted (a failure towards throttling, a success making the source known) before it returns. Both
     * happen on the thread that checks, so guesses sent in parallel and queued for the slow lane are refused as soon
     * as the first of them have failed, not each checked at the cost of a bcrypt run.
     */
    public <P> Callable<Optional<P>> guard(String username, String address, Callable<Optional<P>> check) {
        return () -> {
            long wait = throttledFor(username, address);
            if (wait > 0) {
                throw new Throttled(wait);
            }
            Optional<P> principal = check.call();
            if (principal.isPresent()) {
                succeeded(username, address);
            } else {
                failed(username, address);
            }
            return principal;
        };
    }

    /** A login failed (wrong password or unknown username). */
    public synchronized void failed(String username, String address) {
        long now = nanos.getAsLong();
        if (!isKnownSource(username, address, now)) {
            fail(addressKey(address), "source address " + address, now);
            fail(userKey(username), "username '" + username + "'", now);
        }
    }

    /** A login succeeded: its address is a known source of the username from now on. */
    public synchronized void succeeded(String username, String address) {
        knownSources.put(username + '\n' + address, nanos.getAsLong());
    }

    /** Forgets failure records whose window passed and known sources older than {@link #KNOWN_FOR}. */
    public synchronized void purge() {
        long now = nanos.getAsLong();
        failures.values().removeIf(f -> expired(f, now));
        knownSources.values().removeIf(at -> now - at > KNOWN_FOR.toNanos());
    }

    synchronized int entries() {
        return failures.size() + knownSources.size();
    }

    private void fail(String key, String who, long now) {
        Failures f = failures.get(key);
        if (f == null || expired(f, now)) {
            f = new Failures();
            failures.put(key, f);
        }
        f.count++;
        f.lastFailureNanos = now;
        if (f.count < afterFailures) {
            return;
        }
        if (f.delayNanos == 0) {
            LOG.warn("login throttled: {} after {} failed logins; logins refused at once for {} s, doubling with "
                            + "each further failure up to {} s", who, f.count, firstDelayNanos / 1_000_000_000L,
                    maxDelayNanos / 1_000_000_000L);
        }
        f.delayNanos = f.delayNanos == 0 ? firstDelayNanos : Math.min(2 * f.delayNanos, maxDelayNanos);
        f.throttledUntilNanos = now + f.delayNanos;
    }

    private boolean expired(Failures f, long now) {
        return now - f.lastFailureNanos > windowNanos && (f.delayNanos == 0 || now - f.throttledUntilNanos > 0);
    }

    private boolean isKnownSource(String username, String address, long now) {
        Long at = knownSources.get(username + '\n' + address);
        return at != null && now - at <= KNOWN_FOR.toNanos();
    }

    private static long remaining(Failures f, long now) {
        return f == null || f.delayNanos == 0 ? 0 : Math.max(0, f.throttledUntilNanos - now);
    }

    private static String userKey(String username) {
        return "u\n" + username;
    }

    private static String addressKey(String address) {
        return "a\n" + address;
    }

    /** A login refused unchecked because its username or source address is throttled. An answer, not a fault. */
    public static final class Throttled extends RuntimeException {
        private final long retryAfterSeconds;

        public Throttled(long waitNanos) {
            super("login throttled after repeated failures", null, false, false);
            this.retryAfterSeconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        }

        /** Whole seconds until a login may be checked again (at least 1). */
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
