package io.hazardwatch.alerts.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hazardwatch.alerts.commitment.UnitDeclaration;
import io.hazardwatch.alerts.incident.DispatchReply;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One row of the duty-room board as the server computed it: every live-board event (the {@code snapshot}, each
 * {@code alarm} and {@code incident}) carries these, and the page draws them without deciding anything itself.
 *
 * @param id        the incident's id ({@link Incident#idOf})
 * @param status    the incident's status; CLOSED tells the page to drop the row
 * @param version   the incident's version: a page keeps the newest it got (an early {@code alarm} row and the
 *                  {@code incident} row of its commit may arrive in either order)
 * @param active    whether the alarm is active now (drawn as such and counted)
 * @param awaitsAcknowledgement nobody has acknowledged it yet (flashes, sounds, the acknowledge button)
 * @param commentCount how many comments it keeps
 * @param alarm     the alarm facts, its grid cell resolved from the registry when the incident opened
 * @param feedback  where the enterprise's answer stands (badge: due, late, reported, verified)
 * @param declared  what today's safety commitment declares for the unit the sensor watches (e.g. MAINTENANCE,
 *                  HOT_WORK under way): shown on the row, never a silence; absent if nothing is declared
 * @param dispatch  the emergency dispatch centre's answer (acknowledged, the unit it sent); absent if none
 */
public record BoardRow(String id, IncidentStatus status, long version, boolean active, boolean awaitsAcknowledgement,
                       int commentCount, ActiveAlarm alarm, FeedbackSummary feedback,
                       @JsonInclude(JsonInclude.Include.NON_NULL) UnitDeclaration declared,
                       @JsonInclude(JsonInclude.Include.NON_NULL) DispatchReply dispatch) {

    /** A row without a feedback summary (no answer asked for) and nothing declared. */
    public BoardRow(String id, IncidentStatus status, long version, boolean active, boolean awaitsAcknowledgement,
                    int commentCount, ActiveAlarm alarm) {
        this(id, status, version, active, awaitsAcknowledgement, commentCount, alarm,
                FeedbackSummary.of(io.hazardwatch.alerts.incident.Feedback.NONE), null, null);
    }

    /** This row marked with its unit's declaration for today. */
    public BoardRow withDeclared(UnitDeclaration declaration) {
        return new BoardRow(id, status, version, active, awaitsAcknowledgement, commentCount, alarm, feedback,
                declaration, dispatch);
    }

    /** The alarms' duty order (most severe, then most recently raised first). */
    public static final Comparator<BoardRow> DUTY_ORDER = Comparator.comparing(BoardRow::alarm, ActiveAlarm.DUTY_ORDER);

    public static BoardRow of(Incident incident) {
        return new BoardRow(incident.id(), incident.status(), incident.version(), incident.active(),
                incident.awaitsAcknowledgement(), incident.comments().size(), incident.alarm(),
                FeedbackSummary.of(incident.feedback()), null, incident.dispatch());
    }

    /** The rows of {@code open} incidents whose alarm {@code visible} lets through, in duty order (a snapshot). */
    public static List<BoardRow> of(Collection<Incident> open, Predicate<ActiveAlarm> visible) {
        return open.stream().filter(i -> visible.test(i.alarm())).map(BoardRow::of).sorted(DUTY_ORDER).toList();
    }
}
