package io.hazardwatch.alerts.inspection;

import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which tasks the record calls for — pure decisions, no I/O, driven by the time given:
 * <ul>
 *   <li>the schedule: an enterprise with no open SCHEDULED task whose last inspection (or cancelled scheduled one)
 *   is at least its interval ago ({@code inspections.every} by its {@link Standing}) gets the next one;</li>
 *   <li>alarms: an incident closed with the cause REAL_RELEASE gets one FROM_ALARM follow-up;</li>
 *   <li>false alarms: a sensor whose incidents answered SENSOR_FAULT or FALSE_ALARM reach
 *   {@code patterns.falseAlarms} within its window (counting only those opened after its last calibration task)
 *   gets one CALIBRATION task, not a second while one is open.</li>
 * </ul>
 */
public final class TaskPlanner {

    /** Closed incidents older than this are not followed up any more (their follow-up was made, or is moot). */
    static final Duration FOLLOW_UP_LOOKBACK = Duration.ofDays(30);
    /** The causes that count as a false alarm for calibration (not maintenance or tests: those were planned). */
    private static final Set<Cause> FALSE_CAUSES = EnumSet.of(Cause.SENSOR_FAULT, Cause.FALSE_ALARM);

    /** A task to create. */
    public record Draft(String enterprise, TaskKind kind, String origin, String sensor, Instant due, String title) {
    }

    private final InspectionRules rules;
    private final FalseAlarmPattern falseAlarms;
    private final Standing standing;

    public TaskPlanner(InspectionRules rules, FalseAlarmPattern falseAlarms, Standing standing) {
        this.rules = rules;
        this.falseAlarms = falseAlarms;
        this.standing = standing;
    }

    /** Everything due now: the schedule's next tasks, alarm follow-ups, calibrations. */
    public List<Draft> due(Collection<String> enterprises, Collection<Incident> incidents,
                           Collection<InspectionTask> tasks, Instant now) {
        List<Draft> drafts = new ArrayList<>(scheduled(enterprises, tasks, now));
        drafts.addAll(followUps(incidents, tasks, now));
        drafts.addAll(calibrations(incidents, tasks, now));
        return drafts;
    }

    public List<Draft> scheduled(Collection<String> enterprises, Collection<InspectionTask> tasks, Instant now) {
        List<Draft> drafts = new ArrayList<>();
        for (String enterprise : new java.util.TreeSet<>(enterprises)) {
            List<InspectionTask> own = tasks.stream().filter(t -> t.enterprise().equals(enterprise)).toList();
            if (own.stream().anyMatch(t -> t.isOpen() && t.kind() == TaskKind.SCHEDULED)) {
                continue;
            }
            Duration every = rules.intervalFor(standing, enterprise);
            Instant last = own.stream()
                    .filter(t -> t.status() == TaskStatus.DONE
                            || (t.status() == TaskStatus.CANCELLED && t.kind() == TaskKind.SCHEDULED))
                    .map(InspectionTask::closedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            if (last == null || !last.plus(every).isAfter(now)) {
                drafts.add(new Draft(enterprise, TaskKind.SCHEDULED, null, null, now.plus(rules.scheduledDue()),
                        "routine inspection (every " + every.toDays() + " days)"));
            }
        }
        return drafts;
    }

    public List<Draft> followUps(Collection<Incident> incidents, Collection<InspectionTask> tasks, Instant now) {
        Set<String> followed = tasks.stream().filter(t -> t.kind() == TaskKind.FROM_ALARM)
                .map(InspectionTask::origin).collect(Collectors.toSet());
        return incidents.stream()
                .filter(i -> sensorAlarm(i) && i.disposal() != null && i.feedback().cause() == Cause.REAL_RELEASE)
                .filter(i -> i.disposal().at().isAfter(now.minus(FOLLOW_UP_LOOKBACK)) && !followed.contains(i.id()))
                .sorted(Comparator.comparing(Incident::openedAt))
                .map(i -> new Draft(i.alarm().enterprise(), TaskKind.FROM_ALARM, i.id(), sensorOf(i),
                        i.disposal().at().plus(rules.followUpDue()), "follow-up of a real release at " + sensorOf(i)))
                .toList();
    }

    public List<Draft> calibrations(Collection<Incident> incidents, Collection<InspectionTask> tasks, Instant now) {
        Map<String, List<Incident>> bySensor = new TreeMap<>(incidents.stream()
                .filter(i -> sensorAlarm(i) && FALSE_CAUSES.contains(i.feedback().cause()))
                .filter(i -> !i.openedAt().isBefore(now.minus(falseAlarms.window())))
                .collect(Collectors.groupingBy(i -> i.alarm().enterprise() + "/" + sensorOf(i))));
        List<Draft> drafts = new ArrayList<>();
        bySensor.forEach((key, found) -> {
            Incident newest = found.stream().max(Comparator.comparing(Incident::openedAt)).orElseThrow();
            String enterprise = newest.alarm().enterprise();
            String sensor = sensorOf(newest);
            List<InspectionTask> calibrations = tasks.stream().filter(t -> t.kind() == TaskKind.CALIBRATION
                    && t.enterprise().equals(enterprise) && sensor.equals(t.sensor())).toList();
            if (calibrations.stream().anyMatch(InspectionTask::isOpen)) {
                return;
            }
            Instant since = calibrations.stream().map(InspectionTask::createdAt).max(Comparator.naturalOrder())
                    .orElse(Instant.MIN);
            long count = found.stream().filter(i -> i.openedAt().isAfter(since)).count();
            if (count >= falseAlarms.count()) {
                drafts.add(new Draft(enterprise, TaskKind.CALIBRATION, newest.id(), sensor,
                        now.plus(rules.calibrationDue()), "calibrate " + sensor + ": " + count
                        + " false alarms in " + falseAlarms.window().toDays() + " days"));
            }
        });
        return drafts;
    }

    /** A real sensor's incident (not the watchdog's, not casework). */
    private static boolean sensorAlarm(Incident incident) {
        return incident.alarm().enterprise() != null && !SystemAlarms.isSystem(incident.alarm())
                && !CaseAlarms.isCasework(incident.alarm());
    }

    private static String sensorOf(Incident incident) {
        return incident.alarm().device() + "/" + incident.alarm().sensor();
    }
}
