package io.hazardwatch.notify;

import io.hazardwatch.model.AlarmLevel;

/**
 * One message to one recipient.
 *
 * @param id          idempotency key (e.g. incident + escalation step + recipient): the same id is never
 *                    delivered twice by the outbox, and providers that support it get it as their dedup key
 * @param incidentKey the incident (alarm episode) the message is about
 */
public record Notification(String id, String incidentKey, Recipient recipient, AlarmLevel level, String subject,
                           String body) {
}
