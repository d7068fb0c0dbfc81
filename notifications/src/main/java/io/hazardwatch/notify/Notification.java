package io.hazardwatch.notify;

import io.hazardwatch.model.AlarmLevel;
import java.util.Map;

/**
 * One message to one recipient.
 *
 * @param id          idempotency key (e.g. incident + escalation step + recipient): the same id is never
 *                    delivered twice by the outbox, and providers that support it get it as their dedup key
 * @param incidentKey the incident (alarm episode) the message is about
 * @param link        the recipient's own acknowledge link and its button label in the recipient's language (IM
 *                    robots send it as a card's button); null = none
 * @param vars        the SMS template's variables, already clipped to the providers' limits
 *                    ({@code ${enterprise}}, {@code ${sensor}}, ... see {@code Placeholders.VARS}); empty = none
 */
public record Notification(String id, String incidentKey, Recipient recipient, AlarmLevel level, String subject,
                           String body, Link link, Map<String, String> vars) {

    /** A link to act on the message: where it goes and what its button says. */
    public record Link(String url, String label) {
    }

    public Notification {
        vars = vars == null ? Map.of() : Map.copyOf(vars);
    }

    /** A message without a link or template variables. */
    public Notification(String id, String incidentKey, Recipient recipient, AlarmLevel level, String subject,
                        String body) {
        this(id, incidentKey, recipient, level, subject, body, null, Map.of());
    }
}
