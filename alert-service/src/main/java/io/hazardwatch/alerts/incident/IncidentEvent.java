package io.hazardwatch.alerts.incident;

import java.time.Instant;

/**
 * One audited change of an incident: what happened, who did it ({@value #SYSTEM} for the service itself),
 * when. {@code seq} counts the incident's changes from 1, so (incidentId, seq) names the event.
 */
public record IncidentEvent(String incidentId, long seq, Type type, String actor, Instant at, String detail) {

    public static final String SYSTEM = "system";

    public enum Type {
        RAISED,
        LEVEL_RAISED,
        CLEARED,
        ACKNOWLEDGED,
        COMMENTED,
        CLOSED,
        SUPPRESSED,
        UNSUPPRESSED,
        ESCALATION_STEP,
        REMINDER,
        DELIVERY,
        FEEDBACK_CONFIRMED,
        FEEDBACK_REPORTED,
        ATTACHMENT_ADDED,
        FEEDBACK_VERIFIED,
        FEEDBACK_OVERDUE,
        DISPATCH_REPLY
    }
}
