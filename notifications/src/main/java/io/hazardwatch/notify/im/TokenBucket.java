package io.hazardwatch.notify.im;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Client-side rate limit for one robot webhook: up to {@code perMinute} messages in a burst, refilled
 * evenly over a minute. IM robots throttle at about 20 messages a minute and then drop messages for a
 * while; failing fast here lets the outbox retry on time instead.
 */
public final class TokenBucket {

    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final int capacity;
    private final long interval;
    private final LongSupplier nanoTime;
    // saved-up time in nanoseconds; one message costs one interval (whole-number arithmetic, no drift)
    private long credit;
    private long last;

    public TokenBucket(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, was " + perMinute);
        }
        this.capacity = perMinute;
        this.interval = MINUTE_NANOS / perMinute;
        this.nanoTime = nanoTime;
        this.credit = interval * perMinute;
        this.last = nanoTime.getAsLong();
    }

    public static TokenBucket perMinute(int perMinute) {
        return new TokenBucket(perMinute, System::nanoTime);
    }

    /** Takes one token: {@link Duration#ZERO} if granted, otherwise how long until one is available. */
    public synchronized Duration tryTake() {
        long now = nanoTime.getAsLong();
        credit = Math.min(interval * capacity, credit + Math.max(0, now - last));
        last = now;
        if (credit >= interval) {
            credit -= interval;
            return Duration.ZERO;
        }
        return Duration.ofNanos(interval - credit);
    }

    public int perMinute() {
        return capacity;
    }
}
