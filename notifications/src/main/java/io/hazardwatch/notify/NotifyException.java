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

    /** Whether sending the same message again later may succeed (rate limited, 5xx, timeout). */
    public boolean retryable() {
        return retryable;
    }

    /** When the provider asked to retry (e.g. Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
