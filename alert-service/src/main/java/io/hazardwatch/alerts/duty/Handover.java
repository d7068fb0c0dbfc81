package io.hazardwatch.alerts.duty;

import io.hazardwatch.alerts.incident.Stamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A shift hand-over, kept beside the incidents (key {@code handover/<id>}): the outgoing officer's summary, built
 * by the server when it was written, plus free notes; the incoming officer's acknowledgement. Immutable: each
 * change returns a new record whose {@code history} ends with it.
 *
 * @param shiftDate    the day the incoming shift starts (the park's date)
 * @param shift        the incoming shift's name (null: no roster)
 * @param shiftStart   when the incoming shift starts: 15 minutes later an unacknowledged hand-over is flagged
 * @param incoming     the incoming shift's officer as rostered, or null
 * @param acknowledged who acknowledged it and when; null = pending
 */
public record Handover(String id, String by, Instant at, LocalDate shiftDate, String shift, Instant shiftStart,
                      String incoming, String notes, HandoverSummary summary, Stamp acknowledged,
                      List<Event> history) {

    /** The kind of a hand-over among the records the incident store keeps. */
    public static final String KIND = "handover";
    /** The longest notes accepted, in characters. */
    public static final int NOTES_MAX = 4000;

    /** One audited change. */
    public record Event(String who, Instant at, String what) {
    }

    public Handover {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A new hand-over written by {@code by} for the incoming shift {@code to} (null: none rostered). */
    public static Handover write(String id, String by, Slot to, String notes, HandoverSummary summary, Instant now) {
        if (notes != null && notes.length() > NOTES_MAX) {
            throw new IllegalArgumentException("notes: longer than " + NOTES_MAX + " characters");
        }
        return new Handover(id, by, now, to == null ? null : to.date(), to == null ? null : to.shift(),
                to == null ? now : to.start(), to == null ? null : to.officer(), notes == null ? "" : notes, summary,
                null, List.of(new Event(by, now, "written for " + (to == null ? "the next shift"
                        : to.date() + " " + to.shift() + (to.officer() == null ? "" : " (" + to.officer() + ")")))));
    }

    public Handover acknowledge(String who, Instant now) {
        if (acknowledged != null) {
            throw new IllegalStateException("hand-over " + id + " was acknowledged by " + acknowledged.by() + " at "
                    + acknowledged.at());
        }
        List<Event> events = new ArrayList<>(history);
        events.add(new Event(who, now, "acknowledged"));
        return new Handover(id, by, at, shiftDate, shift, shiftStart, incoming, notes, summary, new Stamp(who, now),
                events);
    }

    /** Unacknowledged this long into the incoming shift, it is flagged on the board's header. */
    public static final java.time.Duration ACK_WITHIN = java.time.Duration.ofMinutes(15);

    /** Whether it is still unacknowledged {@link #ACK_WITHIN} into the incoming shift. */
    public boolean lateAt(Instant now) {
        return acknowledged == null && !now.isBefore(shiftStart.plus(ACK_WITHIN));
    }
}
