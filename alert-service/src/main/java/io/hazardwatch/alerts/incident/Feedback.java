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
 * @param confirmBy   when the confirmation is due; null (with {@code reportBy}) = no answer is asked for (the
 *                    platform's own system incidents, incidents stored before feedback existed)
 * @param reportBy    when the report is due
 */
public record Feedback(Stamp confirmed, Report report, List<Attachment> attachments, Stamp verified,
                       List<String> late, Instant confirmBy, Instant reportBy) {

    /** The part names kept in {@link #late}. */
    public static final String CONFIRM = "confirm";
    public static final String REPORT = "report";
    /** Key ({@code fired}) and purpose of the message asking an enterprise's contacts for their answer. */
    public static final String REQUEST_PURPOSE = "feedback-request";
    /** Purpose prefix of the escalation steps fired again while an answer is overdue. */
    public static final String OVERDUE_PURPOSE = "feedback-overdue";

    public Feedback {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        late = late == null ? List.of() : List.copyOf(late);
    }

    /** Without deadlines (no answer asked for). */
    public Feedback(Stamp confirmed, Report report, List<Attachment> attachments, Stamp verified, List<String> late) {
        this(confirmed, report, attachments, verified, late, null, null);
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

    /** Whether the enterprise is asked to answer (deadlines were set when the incident opened). */
    public boolean needed() {
        return confirmBy != null || reportBy != null;
    }

    /** Whether {@code part} is answered. */
    public boolean answered(String part) {
        return CONFIRM.equals(part) ? confirmed != null || report != null : report != null;
    }

    /** The deadline of {@code part}, or null. */
    public Instant deadlineOf(String part) {
        return CONFIRM.equals(part) ? confirmBy : reportBy;
    }

    /** The parts past their deadline at {@code now}, unanswered and not yet marked late. */
    public List<String> overdueAt(Instant now) {
        return List.of(CONFIRM, REPORT).stream().filter(p -> deadlineOf(p) != null && !answered(p)
                && !late.contains(p) && !now.isBefore(deadlineOf(p))).toList();
    }

    /** The first deadline that passed with its part still unanswered, or null if nothing is overdue now. */
    public Instant overdueSince() {
        return List.of(CONFIRM, REPORT).stream().filter(p -> late.contains(p) && !answered(p))
                .map(this::deadlineOf).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
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
