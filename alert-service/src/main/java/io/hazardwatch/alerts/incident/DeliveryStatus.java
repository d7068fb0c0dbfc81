package io.hazardwatch.alerts.incident;

/** Where one message to one recipient stands. */
public enum DeliveryStatus {
    /** Decided and persisted, not yet handed to the provider. */
    QUEUED,
    /** The provider accepted it. */
    SENT,
    /** The provider reported it delivered (only for providers that report receipts). */
    DELIVERED,
    /** The last attempt failed in a way a retry may fix; next attempt at {@code nextAttemptAt}. */
    RETRYING,
    /** Given up: a permanent error, no notifier for the channel, or too many attempts. */
    FAILED;

    public boolean isPending() {
        return this == QUEUED || this == RETRYING;
    }
}
