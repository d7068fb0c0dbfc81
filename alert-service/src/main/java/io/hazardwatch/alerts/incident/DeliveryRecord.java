package io.hazardwatch.alerts.incident;

import java.time.Instant;

/**
 * One message to one recipient, as kept in the outbox (inside the incident's persisted state).
 *
 * @param id            idempotency key: incident / purpose / recipient; never queued twice for an incident
 * @param purpose       why it is sent, e.g. {@code step-1}, {@code step-1/reminder-2}, {@code dispatch/TRIGGER}
 * @param nextAttemptAt when a QUEUED or RETRYING message is due to be sent
 * @param sentAt        the send time the accepted message carried (a CAP alert's {@code <sent>}, which an update's
 *                      {@code <references>} must name), else when it was accepted; null until SENT
 */
public record DeliveryRecord(String id, String purpose, String recipient, String channel, String address,
                             DeliveryStatus status, int attempts, Instant queuedAt, Instant nextAttemptAt,
                             Instant updatedAt, String providerId, String lastError, Instant sentAt) {

    /** As stored before the sent time was kept. */
    public DeliveryRecord(String id, String purpose, String recipient, String channel, String address,
                          DeliveryStatus status, int attempts, Instant queuedAt, Instant nextAttemptAt,
                          Instant updatedAt, String providerId, String lastError) {
        this(id, purpose, recipient, channel, address, status, attempts, queuedAt, nextAttemptAt, updatedAt, providerId,
                lastError, null);
    }

    /** Longest last error kept, in characters. */
    public static final int MAX_ERROR = 1_000;

    public static DeliveryRecord queued(String id, String purpose, String recipient, String channel, String address,
                                        Instant now, Instant notBefore) {
        return new DeliveryRecord(id, purpose, recipient, channel, address, DeliveryStatus.QUEUED, 0, now, notBefore,
                now, null, null);
    }

    public boolean dueAt(Instant now) {
        return status.isPending() && !nextAttemptAt.isAfter(now);
    }

    public DeliveryRecord sent(String providerId, Instant now) {
        return sent(providerId, now, now);
    }

    /** Accepted at {@code now}; the message itself said it was sent at {@code sentAt}. */
    public DeliveryRecord sent(String providerId, Instant sentAt, Instant now) {
        return new DeliveryRecord(id, purpose, recipient, channel, address, DeliveryStatus.SENT, attempts + 1, queuedAt,
                null, now, providerId, null, sentAt);
    }

    public DeliveryRecord retrying(String error, Instant next, Instant now) {
        return new DeliveryRecord(id, purpose, recipient, channel, address, DeliveryStatus.RETRYING, attempts + 1,
                queuedAt, next, now, null, clip(error));
    }

    public DeliveryRecord failed(String error, Instant now) {
        return new DeliveryRecord(id, purpose, recipient, channel, address, DeliveryStatus.FAILED, attempts + 1,
                queuedAt, null, now, null, clip(error));
    }

    /**
     * The provider's receipt for a SENT message: DELIVERED, or FAILED with its reason. Any other status stays (a
     * receipt repeated, or one for a message not known as sent): the same record.
     */
    public DeliveryRecord reported(boolean delivered, String reason, Instant now) {
        if (status != DeliveryStatus.SENT) {
            return this;
        }
        return new DeliveryRecord(id, purpose, recipient, channel, address,
                delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.FAILED, attempts, queuedAt, null, now, providerId,
                delivered ? null : clip("provider reports: " + reason));
    }

    /** A provider's answer can be a whole page: the incident keeps the start of it (its record has a bound). */
    private static String clip(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
    }

    public DeliveryRecord heldUntil(Instant next) {
        return new DeliveryRecord(id, purpose, recipient, channel, address, status, attempts, queuedAt, next,
                updatedAt, providerId, lastError, sentAt);
    }
}
