package io.hazardwatch.alerts.casework;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import java.time.Instant;

/**
 * The synthetic alarm transitions behind casework incidents: a hidden danger past its rectification deadline, a
 * daily safety commitment missing, an inspection overdue. Like the watchdog's system incidents
 * ({@link io.hazardwatch.alerts.watchdog.SystemAlarms}) they go through the normal incident machinery — board,
 * store, escalation along the grid (grid member → grid leader → supervision squad), messages — via
 * {@code IncidentEngine.onSystemAlarm}, so an overdue case is escalated exactly like an unacknowledged alarm.
 *
 * <p>Key {@code <enterprise>/casework/<case id>/<alarm type>}: device {@value #DEVICE}, sensor = the case's id
 * (e.g. {@code danger-2026-0007}), alarm type one of the constants below. The episode starts when the case became
 * overdue; the CLEARED (case rectified, commitment made) names the same episode. An enterprise gives no alarm
 * feedback on a casework incident. Pure.
 */
public final class CaseAlarms {

    public static final String DEVICE = "casework";
    /** A hidden danger not rectified by its deadline. */
    public static final String DANGER_OVERDUE = "DANGER_OVERDUE";
    /** An enterprise's daily safety commitment not made by its deadline. */
    public static final String COMMITMENT_MISSING = "COMMITMENT_MISSING";
    /** An inspection task not done by its due date. */
    public static final String INSPECTION_OVERDUE = "INSPECTION_OVERDUE";
    private static final String RULE = "casework";

    private CaseAlarms() {
    }

    public static String keyOf(String enterprise, String caseId, String alarmType) {
        return enterprise + "/" + DEVICE + "/" + caseId + "/" + alarmType;
    }

    /** Whether an incident's alarm is a casework one (no feedback asked, not a sensor's alarm). */
    public static boolean isCasework(ActiveAlarm alarm) {
        return DEVICE.equals(alarm.device());
    }

    public static AlarmEvent raised(String enterprise, String caseId, String alarmType, AlarmLevel level,
                                    Instant episodeStart, Instant now) {
        return event(enterprise, caseId, alarmType, level, AlarmTransition.RAISED, episodeStart, now);
    }

    public static AlarmEvent cleared(String enterprise, String caseId, String alarmType, Instant episodeStart,
                                     Instant now) {
        return event(enterprise, caseId, alarmType, AlarmLevel.NONE, AlarmTransition.CLEARED, episodeStart, now);
    }

    private static AlarmEvent event(String enterprise, String caseId, String alarmType, AlarmLevel level,
                                    AlarmTransition transition, Instant episodeStart, Instant now) {
        return new AlarmEvent(AlarmEvent.SCHEMA, keyOf(enterprise, caseId, alarmType), enterprise, DEVICE, caseId, null,
                alarmType, level, transition, 0, null, null, RULE, 1, episodeStart, now, now);
    }
}
