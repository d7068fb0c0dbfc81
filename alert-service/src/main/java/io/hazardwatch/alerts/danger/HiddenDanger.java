package io.hazardwatch.alerts.danger;

import io.hazardwatch.alerts.incident.LifecycleException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A hidden danger (隐患) of an enterprise and its rectification, kept beside the incidents (kind {@value #KIND}).
 * Immutable: every move returns the next version, audited in {@link #history}; a move the status does not allow is
 * refused with a {@link LifecycleException} saying why. Progress notes and history are bounded (the newest kept) so
 * the stored record stays small however long the case runs.
 *
 * @param gridCell       the enterprise's grid cell in the registry (null if it is not known there)
 * @param unit           a major-hazard unit of the enterprise, or free text (e.g. "tank farm B")
 * @param incidentIds    the incidents it was found from (an alarm pattern), bounded
 * @param taskId         the inspection task it was found in, or null
 * @param sensor         for an alarm pattern: the sensor ({@code enterprise/device/sensor}) whose alarms made it
 * @param supervision    who put it under supervision at which level, or null (MAJOR only)
 * @param overdueSince   when its deadline passed unrectified (the deadline), or null
 * @param acceptedOnTime set on acceptance: whether it was accepted by its deadline
 */
public record HiddenDanger(String id, String enterprise, String gridCell, String unit, String title,
                           String description, Severity severity, DangerSource source, List<String> incidentIds,
                           String taskId, String sensor, String measures, Instant deadline, String responsible,
                           Supervision supervision, DangerStatus status, List<Note> progress, List<Change> history,
                           Instant overdueSince, Boolean acceptedOnTime, String createdBy, Instant createdAt,
                           Instant acceptedAt, Instant closedAt) {

    /** The kind of a hidden danger among the records the incident store keeps (its key: {@code danger/<id>}). */
    public static final String KIND = "danger";
    /** Who the service's own moves are recorded as (overdue, created from an alarm pattern). */
    public static final String SYSTEM = "system";
    public static final int PROGRESS_KEPT = 50;
    public static final int HISTORY_KEPT = 100;
    public static final int INCIDENTS_KEPT = 50;
    public static final int TITLE_MAX = 200;
    public static final int TEXT_MAX = 4000;

    /** A progress note of the enterprise (or a reason given with a move). */
    public record Note(String by, Instant at, String text) {
    }

    /** One audited move: who, when, what ({@code created}, {@code start}, {@code overdue}, ...), a detail. */
    public record Change(String by, Instant at, String action, String detail) {
    }

    /** Put under supervision (挂牌督办) at {@code level} by {@code by} at {@code at}. */
    public record Supervision(SupervisionLevel level, String by, Instant at) {
    }

    public HiddenDanger {
        incidentIds = incidentIds == null ? List.of() : List.copyOf(incidentIds);
        progress = progress == null ? List.of() : List.copyOf(progress);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A new danger, REPORTED; checks the fields people write (the message names the field). */
    public static HiddenDanger report(String id, String enterprise, String gridCell, String unit, String title,
                                      String description, Severity severity, DangerSource source,
                                      List<String> incidentIds, String taskId, String sensor, String measures,
                                      Instant deadline, String responsible, String who, Instant now) {
        require(enterprise, "enterprise");
        require(title, "title");
        bound(title, TITLE_MAX, "title");
        bound(description, TEXT_MAX, "description");
        bound(measures, TEXT_MAX, "measures");
        bound(unit, TITLE_MAX, "unit");
        bound(responsible, TITLE_MAX, "responsible");
        if (severity == null) {
            throw new IllegalArgumentException("severity: required (GENERAL or MAJOR)");
        }
        if (source == null) {
            throw new IllegalArgumentException("source: required");
        }
        if (deadline == null || !deadline.isAfter(now)) {
            throw new IllegalArgumentException("deadline: required, in the future");
        }
        List<String> incidents = incidentIds == null ? List.of() : incidentIds;
        if (incidents.size() > INCIDENTS_KEPT) {
            throw new IllegalArgumentException("incidentIds: at most " + INCIDENTS_KEPT);
        }
        HiddenDanger blank = new HiddenDanger(id, enterprise, gridCell, unit, title, description, severity, source,
                incidents, taskId, sensor, measures, deadline, responsible, null, DangerStatus.REPORTED, List.of(),
                List.of(), null, null, who, now, null, null);
        return blank.audited(who, now, "created", source + " " + severity + ", deadline " + deadline);
    }

    // ---- the moves -----------------------------------------------------------------------------------------

    /** The enterprise starts (or, after a send-back, resumes) rectifying; measures and responsible may be updated. */
    public HiddenDanger start(String who, String newMeasures, String newResponsible, Instant now) {
        allowedFrom("start rectifying", DangerAction.START);
        bound(newMeasures, TEXT_MAX, "measures");
        bound(newResponsible, TITLE_MAX, "responsible");
        Builder b = new Builder(this);
        b.status = DangerStatus.RECTIFYING;
        b.measures = blankTo(newMeasures, measures);
        b.responsible = blankTo(newResponsible, responsible);
        return b.build().audited(who, now, "start", newMeasures);
    }

    /** The enterprise reports how far it got. */
    public HiddenDanger progress(String who, String text, Instant now) {
        allowedFrom("report progress", DangerAction.PROGRESS);
        require(text, "text");
        bound(text, TEXT_MAX, "text");
        Builder b = new Builder(this);
        b.progress = newest(progress, new Note(who, now, text), PROGRESS_KEPT);
        return b.build().audited(who, now, "progress", text);
    }

    /** The enterprise says it is rectified and asks for acceptance. */
    public HiddenDanger submit(String who, String text, Instant now) {
        return move(DangerAction.SUBMIT, "submit for acceptance", DangerStatus.SUBMITTED, who, text, now);
    }

    /** The grid or the duty room accepts the rectification: on time if by the deadline. */
    public HiddenDanger accept(String who, String text, Instant now) {
        return move(DangerAction.ACCEPT, "accept", DangerStatus.ACCEPTED, who, text, now);
    }

    /** The grid or the duty room finds the rectification not sufficient; the reason is required. */
    public HiddenDanger sendBack(String who, String reason, Instant now) {
        require(reason, "text");
        return move(DangerAction.SEND_BACK, "send back", DangerStatus.SENT_BACK, who, reason, now);
    }

    /** Closes an accepted danger (the case is filed). */
    public HiddenDanger close(String who, String text, Instant now) {
        return move(DangerAction.CLOSE, "close", DangerStatus.CLOSED, who, text, now);
    }

    /** Puts a MAJOR danger under supervision at {@code level}, or takes it off (null). */
    public HiddenDanger supervise(String who, SupervisionLevel level, Instant now) {
        if (severity != Severity.MAJOR) {
            throw new LifecycleException("only a MAJOR hidden danger can be put under supervision; " + id + " is "
                    + severity);
        }
        allowedFrom("change the supervision of", DangerAction.SUPERVISE);
        Builder b = new Builder(this);
        b.supervision = level == null ? null : new Supervision(level, who, now);
        return b.build().audited(who, now, "supervise", level == null ? "none" : level.name());
    }

    /** Marks the danger overdue since its deadline, if that has passed unrectified; otherwise this same danger. */
    public HiddenDanger checkOverdue(Instant now) {
        if (overdueSince != null || status.done() || !now.isAfter(deadline)) {
            return this;
        }
        Builder b = new Builder(this);
        b.overdueSince = deadline;
        return b.build().audited(SYSTEM, now, "overdue", "deadline " + deadline + " passed in status " + status);
    }

    /** Whether it is past its deadline and not rectified yet (not ACCEPTED or CLOSED). */
    public boolean overdueNow() {
        return overdueSince != null && !status.done();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A move to {@code next} with an optional note; acceptance and closing record when (and acceptance if on time). */
    private HiddenDanger move(DangerAction action, String what, DangerStatus next, String who, String text, Instant now) {
        allowedFrom(what, action);
        bound(text, TEXT_MAX, "text");
        Builder b = new Builder(this);
        b.status = next;
        if (text != null && !text.isBlank()) {
            b.progress = newest(progress, new Note(who, now, text), PROGRESS_KEPT);
        }
        if (next == DangerStatus.ACCEPTED) {
            b.acceptedAt = now;
            b.acceptedOnTime = !now.isAfter(deadline);
        } else if (next == DangerStatus.CLOSED) {
            b.closedAt = now;
        }
        return b.build().audited(who, now, action.path(), text);
    }

    private void allowedFrom(String what, DangerAction action) {
        if (!action.from().contains(status)) {
            throw new LifecycleException("cannot " + what + " hidden danger " + id + ": it is " + status
                    + " (allowed from " + new java.util.TreeSet<>(action.from()) + ")");
        }
    }

    private HiddenDanger audited(String who, Instant now, String action, String detail) {
        Builder b = new Builder(this);
        b.history = newest(history, new Change(who, now, action, detail), HISTORY_KEPT);
        return b.build();
    }

    private static <T> List<T> newest(List<T> list, T added, int kept) {
        List<T> next = new ArrayList<>(list);
        next.add(added);
        return next.size() <= kept ? next : next.subList(next.size() - kept, next.size());
    }

    private static String blankTo(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
    }

    private static void bound(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
    }

    /** The fields of a next version (a record has no withers). */
    private static final class Builder {
        private final HiddenDanger d;
        private String measures;
        private String responsible;
        private Supervision supervision;
        private DangerStatus status;
        private List<Note> progress;
        private List<Change> history;
        private Instant overdueSince;
        private Boolean acceptedOnTime;
        private Instant acceptedAt;
        private Instant closedAt;

        Builder(HiddenDanger d) {
            this.d = d;
            measures = d.measures;
            responsible = d.responsible;
            supervision = d.supervision;
            status = d.status;
            progress = d.progress;
            history = d.history;
            overdueSince = d.overdueSince;
            acceptedOnTime = d.acceptedOnTime;
            acceptedAt = d.acceptedAt;
            closedAt = d.closedAt;
        }

        HiddenDanger build() {
            return new HiddenDanger(d.id, d.enterprise, d.gridCell, d.unit, d.title, d.description, d.severity,
                    d.source, d.incidentIds, d.taskId, d.sensor, measures, d.deadline, responsible, supervision, status,
                    progress, history, overdueSince, acceptedOnTime, d.createdBy, d.createdAt, acceptedAt, closedAt);
        }
    }
}
