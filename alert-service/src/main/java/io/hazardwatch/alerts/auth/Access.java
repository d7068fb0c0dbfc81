package io.hazardwatch.alerts.auth;

import io.hazardwatch.alerts.board.ActiveAlarm;

/**
 * Who may see and do what: duty officers and admins everything; grid staff see and handle the incidents
 * and silences of their grid cells; enterprise users see their own enterprise's incidents, no silences, and
 * change nothing.
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

    /**
     * See an enterprise's grade, its factors and its place on the watch and priority lists: duty officers and
     * admins any, grid staff those of the enterprises in their grid cells, an enterprise its own.
     */
    public static boolean maySeeGrade(User user, String enterprise, String gridCell) {
        return enterprise != null && maySee(user, enterprise, gridCell);
    }
}
