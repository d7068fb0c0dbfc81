package io.hazardwatch.alerts.incident;

import java.time.Instant;

/**
 * One message to one recipient, as kept in the outbox (inside the incident's persisted state).
 *
 * @param id            idempotency key: incident / purpose / recipient; never queued twice for an incident
 * @param purpose       why it is sent, e.g. {@code step-1}, {@code step-1/reminder-2}, {@code dispatch/TRIGGER}
 * @param nextAttemptAt when a QUEUED or RETRYING message is due to be sent
 */
public record DeliveryRecord(String id, String purpose, String recipient, String channel, String address,
                             DeliveryStatus status, int attempts, Instant queuedAt, Instant nextAttemptAt,
                             Instant updatedAt, String providerId, String lastError) {

    public static DeliveryRecord queued(String id, String purpose, String recipient, String channel, String address,
                                        Instant now, Instant notBefore) {
        return new DeliveryRecord(id, purpose, recipient, channel, address, DeliveryStatus.QUEUED, 0, now, notBefore,
                now, null, null);
    }

    public boolean dueAt(Instant now) {
        return status.isPending() && !nextAttemptAt.isAfter(now);
    }

    public DeliveryRecord sent(String providerId, Instant now) {
        return new DeliveryRecord(id, purpose, recipient, channel, address, DeliveryStatus.SENT, attempts + 1, queuedAt,
                null, now, providerId, null);
    }

    public DeliveryRecord retrying(String error, Instant next, Instant now) {
        return new DeliveryRecord(id, purpose, recipient, channel, address, DeliveryStatus.RETRYING, attempts + 1,
                queuedAt, next, now, null, error);
    }

    public DeliveryRecord failed(String error, Instant now) {
        return new DeliveryRecord(id, purpose, recipient, channel, address, DeliveryStatus.FAILED, attempts + 1,
                queuedAt, null, now, null, error);
    }

    public DeliveryRecord heldUntil(Instant next) {
        return new DeliveryRecord(id, purpose, recipient, channel, address, status, attempts, queuedAt, next,
                updatedAt, providerId, lastError);
    }
}
