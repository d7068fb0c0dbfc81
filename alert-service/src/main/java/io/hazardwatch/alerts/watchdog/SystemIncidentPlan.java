package io.hazardwatch.alerts.watchdog;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.model.AlarmEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which system-incident transitions bring the incidents in line with the health of the chain. The active alarms
 * (the incident book) are the memory: a stage in fault without an active system incident gets a RAISED, a stage
 * back to OK with one gets its CLEARED, an UNKNOWN stage changes nothing (it may still be down). So after a
 * restart the stored system incidents are adopted or cleared, never doubled. Pure.
 */
public final class SystemIncidentPlan {

    /** One transition to apply, with a note for people (kept as a system comment on the incident). */
    public record Step(AlarmEvent event, String note) {
    }

    private SystemIncidentPlan() {
    }

    public static List<Step> due(List<StageStatus> stages, List<SilentEnterprises.Silent> silent,
                                 Collection<ActiveAlarm> active, Instant now) {
        Map<String, ActiveAlarm> open = new HashMap<>();
        active.stream().filter(SystemAlarms::isSystem).forEach(a -> open.put(a.alarmKey(), a));
        List<Step> steps = new ArrayList<>();
        for (StageStatus status : stages) {
            ActiveAlarm incident = open.get(SystemAlarms.keyOf(status.stage()));
            if (status.state().isFault() && incident == null) {
                steps.add(new Step(SystemAlarms.raised(status.stage(), status.since(), now),
                        status.stage().id() + " " + status.state() + " since " + status.since() + ": " + status.reason()));
            } else if (status.state() == StageState.OK && incident != null) {
                steps.add(new Step(SystemAlarms.cleared(status.stage(), incident.raisedAt(), now),
                        status.stage().id() + " recovered: " + status.reason()));
            }
        }
        Set<String> silentNow = new HashSet<>();
        for (SilentEnterprises.Silent s : silent) {
            silentNow.add(s.enterprise());
            if (!open.containsKey(SystemAlarms.keyOfSilent(s.enterprise()))) {
                steps.add(new Step(SystemAlarms.raisedSilent(s.enterprise(), s.since(), now), "all " + s.devices()
                        + " devices of " + s.enterprise() + " are offline since " + s.since()
                        + ": nothing of it is watched"));
            }
        }
        for (ActiveAlarm incident : open.values()) {
            if (SystemAlarms.SILENT.equals(incident.sensor()) && !SystemAlarms.isPlatform(incident.enterprise())
                    && !silentNow.contains(incident.enterprise())) {
                steps.add(new Step(SystemAlarms.clearedSilent(incident.enterprise(), incident.raisedAt(), now),
                        incident.enterprise() + " sends again: a device is back online"));
            }
        }
        return steps;
    }
}
