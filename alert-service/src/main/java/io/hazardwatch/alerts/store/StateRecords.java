package io.hazardwatch.alerts.store;

import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The values written to the incident-state topic, and their bound. An incident's state record keeps its newest
 * {@value Incident#COMMENTS_KEPT} comments in full and its newest {@value Incident#HISTORY_KEPT} audit events with
 * their details shortened (a COMMENTED event to {@value #COMMENT_EXCERPT} characters: the text is in the comment
 * and, in full, in the event log; any other detail and a delivery's last error to {@value #DETAIL_KEPT}). With
 * comments of at most 6 000 characters (no control characters: at most 3 bytes of JSON each) that is well below
 * {@value #MAX_RECORD_BYTES} bytes, the most a record may have here — under the producer's {@code max.request.size}
 * and the broker's {@code message.max.bytes} defaults (1 MB). A record above it anyway (e.g. an alarm with
 * absurdly long names) is refused alone, never sent.
 */
public final class StateRecords {

    public static final int MAX_RECORD_BYTES = 1_000_000;
    static final int COMMENT_EXCERPT = 200;
    static final int DETAIL_KEPT = 500;

    private StateRecords() {
    }

    /** The incident as its state record keeps it (see the class comment). */
    public static Incident compact(Incident incident) {
        List<IncidentEvent> history = incident.history().stream().map(StateRecords::compact).toList();
        List<DeliveryRecord> deliveries = incident.deliveries().stream().map(StateRecords::compact).toList();
        return new Incident(incident.id(), incident.alarm(), incident.openedAt(), incident.active(),
                incident.clearedAt(), incident.acknowledged(), incident.disposal(), incident.comments(),
                incident.applied(), incident.fired(), deliveries, incident.suppressedBy(), history, incident.version(),
                incident.feedback(), incident.dispatch());
    }

    /**
     * The state record's value for {@code incident}.
     *
     * @throws IllegalArgumentException if it cannot be serialised or is above {@link #MAX_RECORD_BYTES} with its key
     */
    public static byte[] incident(String key, Incident incident) {
        return bounded(key, toBytes(compact(incident)));
    }

    /** Any other state value (a silence, the alarms position), within the same bound. */
    public static byte[] value(String key, Object value) {
        return bounded(key, toBytes(value));
    }

    private static byte[] toBytes(Object value) {
        try {
            return Json.toBytes(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot be serialised: " + (e.getCause() != null ? e.getCause() : e));
        }
    }

    static byte[] bounded(String key, byte[] value) {
        int size = key.getBytes(StandardCharsets.UTF_8).length + value.length;
        if (size > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("its record would have " + size + " bytes, above the limit of "
                    + MAX_RECORD_BYTES);
        }
        return value;
    }

    private static IncidentEvent compact(IncidentEvent event) {
        int keep = event.type() == IncidentEvent.Type.COMMENTED ? COMMENT_EXCERPT : DETAIL_KEPT;
        String detail = clip(event.detail(), keep);
        return detail == event.detail() ? event : new IncidentEvent(event.incidentId(), event.seq(), event.type(),
                event.actor(), event.at(), detail);
    }

    private static DeliveryRecord compact(DeliveryRecord d) {
        String error = clip(d.lastError(), DETAIL_KEPT);
        return error == d.lastError() ? d : new DeliveryRecord(d.id(), d.purpose(), d.recipient(), d.channel(),
                d.address(), d.status(), d.attempts(), d.queuedAt(), d.nextAttemptAt(), d.updatedAt(), d.providerId(),
                error, d.sentAt());
    }

    private static String clip(String text, int keep) {
        if (text == null || text.length() <= keep) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(keep - 1)) ? keep - 1 : keep;
        return text.substring(0, end) + "…";
    }
}
