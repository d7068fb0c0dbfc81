package io.hazardwatch.notify;

import java.time.Duration;

/** A provider did not accept a message. */
public class NotifyException extends RuntimeException {

    private final boolean retryable;
    private final Duration retryAfter;

    public NotifyException(String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** Sending again later may help (rate limited, 5xx, timeout); {@code retryAfter} may be null. */
    public static NotifyException retryable(String message, Duration retryAfter) {
        return new NotifyException(message, true, retryAfter);
    }

    /** Sending the same message again will fail the same way (bad number, rejected signature, bad template). */
    public static NotifyException rejected(String message) {
        return new NotifyException(message, false, null);
    }

    /** Whether sending the same message again later may succeed (rate limited, 5xx, timeout). */
    public boolean retryable() {
        return retryable;
    }

    /** When the provider asked to retry (e.g. Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
