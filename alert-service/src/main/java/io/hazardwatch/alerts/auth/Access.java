package io.hazardwatch.alerts.auth;

import io.hazardwatch.alerts.board.ActiveAlarm;

/**
 * Who may see and do what: duty officers and admins everything; grid staff see and handle the incidents
 * and silences of their grid cells; enterprise users see their own enterprise's incidents, no silences, and
 * change nothing but their answers to those incidents (feedback).
 */
public final class Access {

    private Access() {
    }

    public static boolean maySee(User user, String enterprise, String gridCell) {
        return switch (user.role()) {
            case DUTY_OFFICER, ADMIN -> true;
            // cell * = every cell: the platform's own system incidents (a blind monitoring chain concerns all)
            case GRID_STAFF -> gridCell != null && user.gridCells() != null
                    && (user.gridCells().contains(gridCell) || ALL_CELLS.equals(gridCell));
            case ENTERPRISE -> enterprise != null && enterprise.equals(user.enterprise());
        };
    }

    private static final String ALL_CELLS = "*";

    public static boolean maySee(User user, ActiveAlarm alarm) {
        return maySee(user, alarm.enterprise(), alarm.gridCell());
    }

    /** Acknowledge, comment, close. */
    public static boolean mayHandle(User user, ActiveAlarm alarm) {
        return user.role() != Role.ENTERPRISE && maySee(user, alarm);
    }

    /** Create and remove silences (maintenance windows) in general: duty officers and admins. */
    public static boolean mayManageSilences(User user) {
        return user.role() == Role.DUTY_OFFICER || user.role() == Role.ADMIN;
    }

    /**
     * See, create and remove the silences of one enterprise: duty officers and admins any, grid staff those of
     * the enterprises in their grid cells, enterprise users none (a silence is the supervisors' decision).
     */
    public static boolean mayManageSilencesOf(User user, String enterprise, String gridCell) {
        return switch (user.role()) {
            case DUTY_OFFICER, ADMIN -> true;
            case GRID_STAFF -> enterprise != null && maySee(user, enterprise, gridCell);
            case ENTERPRISE -> false;
        };
    }

    // ---- inspection tasks (issue 20, inspection tasks) ----

    /** See an inspection task: the duty room all, grid staff those of their cells, an enterprise its own. */
    public static boolean maySeeTask(User user, String enterprise, String gridCell) {
        return maySee(user, enterprise, gridCell);
    }

    /** Record a task's result: the duty room any, grid staff those of their cells, an enterprise none. */
    public static boolean mayWorkTask(User user, String gridCell) {
        return switch (user.role()) {
            case DUTY_OFFICER, ADMIN -> true;
            case GRID_STAFF -> gridCell != null && user.gridCells() != null && user.gridCells().contains(gridCell);
            case ENTERPRISE -> false;
        };
    }

    /** Create, assign and cancel inspection tasks: the duty room. */
    public static boolean mayManageTasks(User user) {
        return user.role() == Role.DUTY_OFFICER || user.role() == Role.ADMIN;
    }

    /** See an enterprise's daily safety commitments, and whether it is missing or late: whoever may see it. */
    public static boolean maySeeCommitments(User user, String enterprise, String gridCell) {
        return maySee(user, enterprise, gridCell);
    }

    /** Make or correct an enterprise's daily safety commitment: only its own users (nobody else writes). */
    public static boolean mayCommit(User user, String enterprise) {
        return user.role() == Role.ENTERPRISE && enterprise != null && enterprise.equals(user.enterprise());
    }

    // ---- hidden dangers (隐患) ----------------------------------------------------------------------------

    /**
     * Report a hidden danger of an enterprise: duty officers and admins any, grid staff those of their cells' enterprises,
     * an enterprise user its own as a self-report (自查自报) only — and only its own may be a self-report.
     */
    public static boolean mayReportDanger(User user, String enterprise, String gridCell, boolean selfReport) {
        return switch (user.role()) {
            case DUTY_OFFICER, ADMIN -> !selfReport;
            case GRID_STAFF -> !selfReport && enterprise != null && maySee(user, enterprise, gridCell);
            case ENTERPRISE -> selfReport && maySee(user, enterprise, gridCell);
        };
    }

    /** Start rectifying, report progress, submit for acceptance: the enterprise itself, its own only. */
    public static boolean mayRectifyDanger(User user, String enterprise) {
        return user.role() == Role.ENTERPRISE && enterprise != null && enterprise.equals(user.enterprise());
    }

    /** Accept, send back, close: grid staff of the enterprise's cell, duty officers and admins. */
    public static boolean mayVerifyDanger(User user, String enterprise, String gridCell) {
        return user.role() != Role.ENTERPRISE && maySee(user, enterprise, gridCell);
    }

    /**
     * Put a major danger under supervision (挂牌督办) or take it off: as {@link #mayVerifyDanger}, but the CITY level
     * (to put or to take off) only duty officers and admins.
     */
    public static boolean maySuperviseDanger(User user, String enterprise, String gridCell, boolean cityLevel) {
        return mayVerifyDanger(user, enterprise, gridCell)
                && (!cityLevel || user.role() == Role.DUTY_OFFICER || user.role() == Role.ADMIN);
    }

    /**
     * Answer an incident for its enterprise (confirm, report, attach): only that enterprise's own users — the duty
     * room and the grid check the answer, they do not give it.
     */
    public static boolean mayAnswer(User user, ActiveAlarm alarm) {
        return user.role() == Role.ENTERPRISE && maySee(user, alarm);
    }

    /** Verify an enterprise's answer: the duty room any, grid staff those of their cells, enterprises never. */
    public static boolean mayVerify(User user, ActiveAlarm alarm) {
        return mayHandle(user, alarm);
    }

    /**
     * See an enterprise's grade, its factors and its place on the watch and priority lists: duty officers and
     * admins any, grid staff those of the enterprises in their grid cells, an enterprise its own.
     */
    public static boolean maySeeGrade(User user, String enterprise, String gridCell) {
        return enterprise != null && maySee(user, enterprise, gridCell);
    }

    // ---- duty reports (issue 21, reports) ----

    /**
     * Read the daily and weekly duty reports: the duty room (duty officers, admins) only — a report covers the whole
     * park, every enterprise and grid cell, so neither grid staff nor an enterprise may read one.
     */
    public static boolean mayReadReports(User user) {
        return user.role() == Role.DUTY_OFFICER || user.role() == Role.ADMIN;
    }

    // ---- shifts: roster, hand-over, duty log (issue 21, shifts) -----------------------------------------------

    /** Write a hand-over, see the hand-overs: the duty room (duty officers and admins). */
    public static boolean mayHandOver(User user) {
        return user.role() == Role.DUTY_OFFICER || user.role() == Role.ADMIN;
    }

    /** Acknowledge a hand-over: an admin any, a duty officer one written by someone else (the incoming officer). */
    public static boolean mayAcknowledgeHandover(User user, String writtenBy) {
        return user.role() == Role.ADMIN || user.role() == Role.DUTY_OFFICER && !user.username().equals(writtenBy);
    }

    /** Swap a shift: a duty officer their own ({@code anyShift} false), an admin anyone's. */
    public static boolean maySwapShift(User user, boolean anyShift) {
        return user.role() == Role.ADMIN || user.role() == Role.DUTY_OFFICER && !anyShift;
    }

    /**
     * See a line of the duty log: one about an enterprise whoever may see that enterprise; one about the duty room
     * itself (a hand-over, a swap: no enterprise) the duty room only.
     */
    public static boolean maySeeLogEntry(User user, String enterprise, String gridCell) {
        return enterprise == null ? mayHandOver(user) : maySee(user, enterprise, gridCell);
    }

    // ---- the messages (issue 21, ops: the outbox as an audit view) -----------------------------------------

    /**
     * See a message of the outbox (recipient, address, text, delivery state): duty officers and admins all, grid staff
     * those about incidents of their cells, an enterprise only the feedback requests sent to its own contacts (the
     * grid's and leaders' numbers are not its business).
     */
    public static boolean maySeeMessage(User user, ActiveAlarm alarm, String purpose) {
        return switch (user.role()) {
            case DUTY_OFFICER, ADMIN -> true;
            case GRID_STAFF -> maySee(user, alarm);
            case ENTERPRISE -> maySee(user, alarm)
                    && io.hazardwatch.alerts.incident.Feedback.REQUEST_PURPOSE.equals(purpose);
        };
    }

    // ---- the delivery records (issue 16, least privilege) ------------------------------------------------

    /**
     * A delivery record as {@code user} may see it: the duty room and grid staff whole; an enterprise sees that its
     * incident's messages went out and how they fared, but not the staff's addresses (phone numbers) nor the
     * providers' answers and ids, except the address of a feedback request, which is its own contact's.
     */
    public static io.hazardwatch.alerts.incident.DeliveryRecord asSeenBy(User user,
                                                                          io.hazardwatch.alerts.incident.DeliveryRecord d) {
        if (user == null || user.role() != Role.ENTERPRISE) {
            return d;
        }
        boolean own = io.hazardwatch.alerts.incident.Feedback.REQUEST_PURPOSE.equals(d.purpose());
        return new io.hazardwatch.alerts.incident.DeliveryRecord(d.id(), d.purpose(), d.recipient(), d.channel(),
                own ? d.address() : null, d.status(), d.attempts(), d.queuedAt(), d.nextAttemptAt(), d.updatedAt(),
                null, null, d.sentAt());
    }

    /** An audit event as {@code user} may see it: to an enterprise a delivery's event without the provider's answer. */
    public static io.hazardwatch.alerts.incident.IncidentEvent asSeenBy(User user,
                                                                         io.hazardwatch.alerts.incident.IncidentEvent e) {
        if (user == null || user.role() != Role.ENTERPRISE
                || e.type() != io.hazardwatch.alerts.incident.IncidentEvent.Type.DELIVERY || e.detail() == null
                || !e.detail().contains(": ")) {
            return e;
        }
        return new io.hazardwatch.alerts.incident.IncidentEvent(e.incidentId(), e.seq(), e.type(), e.actor(), e.at(),
                e.detail().substring(0, e.detail().indexOf(": ")));
    }
}
