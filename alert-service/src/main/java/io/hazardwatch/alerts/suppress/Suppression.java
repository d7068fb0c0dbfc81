package io.hazardwatch.alerts.suppress;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Why notifications for an incident are held back right now, if they are:
 * <ul>
 *   <li>a silence (maintenance window) matches it;</li>
 *   <li>its device is offline: an active OFFLINE alarm of the same device with no sensor (a device or gateway),
 *       or of the same sensor, inhibits the other alarms of that device or sensor (their values are stale);</li>
 *   <li>a level-2 alarm of the same sensor is active: it inhibits that sensor's level-1 ones (one message is enough).</li>
 * </ul>
 * The incident stays visible either way; only its escalation and messages wait.
 */
public final class Suppression {

    private Suppression() {
    }

    /**
     * @param active the active incidents that may inhibit it: those of its device suffice
     *               ({@code IncidentBook.activeOnDevice}); others are skipped
     */
    public static Optional<String> reasonFor(Incident incident, Collection<Incident> active, Collection<Silence> silences,
                                             Instant now) {
        ActiveAlarm alarm = incident.alarm();
        for (Silence silence : silences) {
            if (silence.matches(alarm, now)) {
                return Optional.of("silence " + silence.id() + " (" + silence.reason() + ") until " + silence.until());
            }
        }
        if (!incident.active()) {
            return Optional.empty();
        }
        for (Incident other : active) {
            ActiveAlarm o = other.alarm();
            if (other.id().equals(incident.id()) || !Objects.equals(o.enterprise(), alarm.enterprise())
                    || !Objects.equals(o.device(), alarm.device())) {
                continue;
            }
            boolean offline = AlarmEvent.OFFLINE.equals(o.alarmType()) && !AlarmEvent.OFFLINE.equals(alarm.alarmType());
            if (offline && (o.sensor() == null || o.sensor().isBlank() || o.sensor().equals(alarm.sensor()))) {
                return Optional.of("inhibited: " + o.alarmKey() + " is offline");
            }
            if (o.level() == AlarmLevel.SECOND && alarm.level() == AlarmLevel.FIRST
                    && Objects.equals(o.sensor(), alarm.sensor()) && !AlarmEvent.OFFLINE.equals(o.alarmType())) {
                return Optional.of("inhibited: level 2 alarm " + o.alarmKey() + " is active");
            }
        }
        return Optional.empty();
    }
}
