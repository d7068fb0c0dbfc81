package io.hazardwatch.alerts.incident;

import java.time.Instant;
import java.util.List;

/**
 * An enterprise's answer to one of its incidents: first it confirms it has seen the alarm, then it reports the
 * cause, the measures taken and the person responsible (with photos attached); the duty room verifies the report
 * before it closes the incident. Each part has a deadline by alarm level from when the incident opened; a part
 * answered after its deadline, or not at all, counts as late.
 *
 * @param confirmed   who confirmed for the enterprise and when; null = not yet
 * @param report      the cause and measures; null = not reported yet
 * @param attachments photos and documents kept beside the report (their bytes are on disk, never in Kafka)
 * @param verified    the duty room's check of the report; null = not verified
 * @param late        the parts whose deadline passed unanswered ("confirm", "report"), in the order they passed
 */
public record Feedback(Stamp confirmed, Report report, List<Attachment> attachments, Stamp verified,
                       List<String> late) {

    public Feedback {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        late = late == null ? List.of() : List.copyOf(late);
    }

    /** Nothing answered yet. */
    public static final Feedback NONE = new Feedback(null, null, List.of(), null, List.of());

    /** The reported cause, or null before the report. */
    public Cause cause() {
        return report == null ? null : report.cause();
    }

    /** Whether any part of the answer came late or not at all. */
    public boolean wasLate() {
        return !late.isEmpty();
    }

    /**
     * @param cause       what caused the alarm
     * @param measures    what was done on site (e.g. "valve V-12 closed, area ventilated")
     * @param responsible the enterprise's person responsible for the measures
     */
    public record Report(Cause cause, String measures, String responsible, String by, Instant at) {
    }

    /** A file attached to the report: its bytes are stored under {@code id} by the deployment's attachment store. */
    public record Attachment(String id, String name, String contentType, long bytes, String by, Instant at) {
    }
}
