package io.hazardwatch.alerts.watchdog;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import java.time.Instant;

/**
 * The synthetic alarm transitions behind the watchdog's system incidents, so that a blind monitoring chain goes
 * through the normal incident machinery (board, store, escalation, messages) like a level-2 alarm:
 * <ul>
 *   <li>a stage: enterprise {@value #PLATFORM}, device {@value #DEVICE}, sensor = the stage id, key
 *       {@code hazardwatch/monitoring/<stage>/MONITORING};</li>
 *   <li>a silent enterprise: that enterprise, device {@value #DEVICE}, sensor {@value #SILENT}, key
 *       {@code <enterprise>/monitoring/silent/MONITORING} (so its grid sees it, like its OFFLINE alarms).</li>
 * </ul>
 * The episode starts when the fault was first seen; the CLEARED names the same episode. Pure.
 */
public final class SystemAlarms {

    /** The alarm type of every system incident. */
    public static final String MONITORING = "MONITORING";
    /** The "enterprise" of a stage's system incident: the platform itself (not in the registry). */
    public static final String PLATFORM = "hazardwatch";
    public static final String DEVICE = "monitoring";
    public static final String SILENT = "silent";
    private static final String RULE = "watchdog";

    private SystemAlarms() {
    }

    public static String keyOf(Stage stage) {
        return PLATFORM + "/" + DEVICE + "/" + stage.id() + "/" + MONITORING;
    }

    public static String keyOfSilent(String enterprise) {
        return enterprise + "/" + DEVICE + "/" + SILENT + "/" + MONITORING;
    }

    public static boolean isSystem(ActiveAlarm alarm) {
        return MONITORING.equals(alarm.alarmType());
    }

    /** The platform's pseudo-enterprise, which has no risk colour and is in no registry. */
    public static boolean isPlatform(String enterprise) {
        return PLATFORM.equals(enterprise);
    }

    public static AlarmEvent raised(Stage stage, Instant episodeStart, Instant now) {
        return event(keyOf(stage), PLATFORM, stage.id(), AlarmLevel.SECOND, AlarmTransition.RAISED, episodeStart, now);
    }

    public static AlarmEvent cleared(Stage stage, Instant episodeStart, Instant now) {
        return event(keyOf(stage), PLATFORM, stage.id(), AlarmLevel.NONE, AlarmTransition.CLEARED, episodeStart, now);
    }

    public static AlarmEvent raisedSilent(String enterprise, Instant episodeStart, Instant now) {
        return event(keyOfSilent(enterprise), enterprise, SILENT, AlarmLevel.SECOND, AlarmTransition.RAISED,
                episodeStart, now);
    }

    public static AlarmEvent clearedSilent(String enterprise, Instant episodeStart, Instant now) {
        return event(keyOfSilent(enterprise), enterprise, SILENT, AlarmLevel.NONE, AlarmTransition.CLEARED,
                episodeStart, now);
    }

    /** The headline of a system incident for people: "监测中断 / monitoring degraded: detection, since ...". */
    public static String headline(ActiveAlarm alarm) {
        String what = SILENT.equals(alarm.sensor()) ? alarm.enterprise() + " silent (all devices offline)" : alarm.sensor();
        return "监测中断 / monitoring degraded: " + what + ", since " + alarm.raisedAt();
    }

    private static AlarmEvent event(String key, String enterprise, String sensor, AlarmLevel level,
                                    AlarmTransition transition, Instant episodeStart, Instant now) {
        return new AlarmEvent(AlarmEvent.SCHEMA, key, enterprise, DEVICE, sensor, null, MONITORING, level, transition,
                0, null, null, RULE, 1, episodeStart, now, now);
    }
}
