package io.hazardwatch.alerts.report;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.danger.HiddenDanger;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentStatus;
import io.hazardwatch.alerts.inspection.InspectionTask;
import io.hazardwatch.alerts.inspection.TaskStatus;
import io.hazardwatch.alerts.report.DutyReport.Count;
import io.hazardwatch.alerts.report.DutyReport.Offline;
import io.hazardwatch.alerts.report.DutyReport.Timing;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Computes a duty report from the books' records (pure: no I/O, no clock of its own). An alarm belongs to the period
 * it was opened in (the service's {@code openedAt}, as the grading's tallies count); the platform's own and the
 * casework incidents are not alarms of an enterprise (missing commitments are counted from theirs). Median and p90
 * are nearest-rank: the value at rank ⌈q·n⌉ of the n sorted durations.
 */
public final class ReportFigures {

    /** The longest list a report keeps (breakdowns, overdue answers, missing commitments). */
    public static final int LIST_MAX = 50;
    /** The sensors offline longest a report names. */
    public static final int OFFLINE_MAX = 10;
    /** Where a report's figures come from (see the README: past the retention only kept reports remain). */
    public static final String SOURCE = "incident book (closed incidents are kept alert.retention-days), "
            + "hidden-danger register, inspection tasks";
    static final String UNKNOWN = "unknown";

    private ReportFigures() {
    }

    public static DutyReport compute(ReportPeriod period, ZoneId zone, Collection<Incident> incidents,
                                     Collection<HiddenDanger> dangers, Collection<InspectionTask> tasks, Instant now) {
        List<Incident> alarms = incidents.stream().filter(i -> isEnterpriseAlarm(i.alarm())
                && period.contains(i.openedAt())).sorted(Comparator.comparing(Incident::openedAt)).toList();
        // what is "overdue" is judged at the period's end, or now for a period not over yet
        Instant asOf = now.isBefore(period.to()) ? now : period.to();
        return new DutyReport(period.id(), period.kind().name(), period.label(), zone.getId(), period.firstDay(),
                period.lastDay(), period.from(), period.to(), now, !now.isBefore(period.to()), SOURCE,
                alarmsOf(alarms), timing(alarms, i -> i.acknowledged() == null ? null : i.acknowledged().at()),
                timing(alarms, i -> i.disposal() == null ? null : i.disposal().at()), feedbackOf(alarms, now),
                offline(incidents, period, now), dangersOf(dangers, period, asOf),
                commitmentsOf(incidents, period), inspectionsOf(tasks, period, asOf));
    }

    /** Whether an incident is an enterprise's alarm (not the platform's own, not casework). */
    public static boolean isEnterpriseAlarm(ActiveAlarm alarm) {
        return alarm.enterprise() != null && !SystemAlarms.isSystem(alarm) && !CaseAlarms.isCasework(alarm);
    }

    private static DutyReport.Alarms alarmsOf(List<Incident> alarms) {
        Map<String, Integer> byLevel = new TreeMap<>();
        for (AlarmLevel level : AlarmLevel.values()) {
            int n = (int) alarms.stream().filter(i -> i.alarm().level() == level).count();
            if (n > 0) {
                byLevel.put(level.name(), n);
            }
        }
        int open = (int) alarms.stream().filter(i -> i.status() != IncidentStatus.CLOSED).count();
        return new DutyReport.Alarms(alarms.size(), byLevel, open, countBy(alarms, ActiveAlarm::enterprise),
                countBy(alarms, ActiveAlarm::gridCell), countBy(alarms, ActiveAlarm::alarmType));
    }

    /** Rows by {@code key}, most alarms first (then by key), at most {@link #LIST_MAX}. */
    private static List<Count> countBy(List<Incident> alarms, Function<ActiveAlarm, String> key) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Incident i : alarms) {
            int[] c = counts.computeIfAbsent(Objects.requireNonNullElse(key.apply(i.alarm()), UNKNOWN), k -> new int[2]);
            c[0]++;
            c[1] += i.alarm().level() == AlarmLevel.SECOND ? 1 : 0;
        }
        return counts.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingInt(Count::alarms).reversed().thenComparing(Count::key))
                .limit(LIST_MAX).toList();
    }

    /** The spread of opening → {@code end} over the alarms that reached it. */
    static Timing timing(List<Incident> alarms, Function<Incident, Instant> end) {
        List<Long> seconds = alarms.stream().filter(i -> end.apply(i) != null)
                .map(i -> Math.max(0, Duration.between(i.openedAt(), end.apply(i)).toSeconds())).sorted().toList();
        return new Timing(seconds.size(), rank(seconds, 0.5), rank(seconds, 0.9));
    }

    /** Nearest rank: the value at ⌈q·n⌉ (1-based) of sorted values; null for none. */
    static Long rank(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    private static DutyReport.FeedbackFigures feedbackOf(List<Incident> alarms, Instant now) {
        int answered = 0;
        int notReal = 0;
        int withCause = 0;
        Map<String, Integer> byCause = new TreeMap<>();
        List<String> overdue = new ArrayList<>();
        for (Incident i : alarms) {
            Feedback f = i.feedback();
            if (f.confirmed() != null || f.report() != null) {
                answered++;
            }
            if (f.cause() != null) {
                withCause++;
                byCause.merge(f.cause().name(), 1, Integer::sum);
                notReal += f.cause().notReal() ? 1 : 0;
            }
            if (f.wasLate() || !f.overdueAt(now).isEmpty()) {
                overdue.add(i.id());
            }
        }
        List<String> newestFirst = new ArrayList<>(overdue);
        java.util.Collections.reverse(newestFirst);
        return new DutyReport.FeedbackFigures(answered, overdue.size(), newestFirst.stream().limit(LIST_MAX).toList(),
                byCause, notReal, withCause == 0 ? null : (double) notReal / withCause);
    }

    /** OFFLINE alarms' time within the period (an episode still offline counts up to now), summed per sensor. */
    static List<Offline> offline(Collection<Incident> incidents, ReportPeriod period, Instant now) {
        Map<String, Offline> bySensor = new LinkedHashMap<>();
        for (Incident i : incidents) {
            ActiveAlarm a = i.alarm();
            if (!AlarmEvent.OFFLINE.equals(a.alarmType()) || !isEnterpriseAlarm(a)) {
                continue;
            }
            Instant start = a.raisedAt().isAfter(period.from()) ? a.raisedAt() : period.from();
            Instant until = i.active() || i.clearedAt() == null ? now : i.clearedAt();
            Instant end = until.isBefore(period.to()) ? until : period.to();
            long seconds = Duration.between(start, end).toSeconds();
            if (seconds <= 0) {
                continue;
            }
            String key = a.enterprise() + "/" + a.device() + "/" + a.sensor();
            Offline before = bySensor.get(key);
            bySensor.put(key, new Offline(a.enterprise(), a.gridCell(), a.device(), a.sensor(),
                    seconds + (before == null ? 0 : before.seconds()), i.active() || (before != null && before.stillOffline())));
        }
        return bySensor.values().stream().sorted(Comparator.comparingLong(Offline::seconds).reversed()
                .thenComparing(o -> o.enterprise() + "/" + o.device() + "/" + o.sensor())).limit(OFFLINE_MAX).toList();
    }

    private static DutyReport.DangerFigures dangersOf(Collection<HiddenDanger> dangers, ReportPeriod period, Instant asOf) {
        int opened = 0;
        int accepted = 0;
        int closed = 0;
        int overdue = 0;
        for (HiddenDanger d : dangers) {
            opened += period.contains(d.createdAt()) ? 1 : 0;
            accepted += period.contains(d.acceptedAt()) ? 1 : 0;
            closed += period.contains(d.closedAt()) ? 1 : 0;
            Instant done = d.acceptedAt() != null ? d.acceptedAt() : d.closedAt();
            if (d.overdueSince() != null && d.overdueSince().isBefore(asOf) && (done == null || !done.isBefore(asOf))) {
                overdue++;
            }
        }
        return new DutyReport.DangerFigures(opened, accepted, closed, overdue);
    }

    private static DutyReport.CommitmentFigures commitmentsOf(Collection<Incident> incidents, ReportPeriod period) {
        List<String> enterprises = incidents.stream()
                .filter(i -> CaseAlarms.isCasework(i.alarm()) && CaseAlarms.COMMITMENT_MISSING.equals(i.alarm().alarmType())
                        && period.contains(i.openedAt()))
                .map(i -> i.alarm().enterprise()).toList();
        return new DutyReport.CommitmentFigures(enterprises.size(),
                enterprises.stream().distinct().sorted().limit(LIST_MAX).toList());
    }

    private static DutyReport.InspectionFigures inspectionsOf(Collection<InspectionTask> tasks, ReportPeriod period,
                                                              Instant asOf) {
        int done = (int) tasks.stream().filter(t -> t.status() == TaskStatus.DONE && period.contains(t.closedAt())).count();
        int overdue = (int) tasks.stream().filter(t -> t.createdAt().isBefore(asOf) && t.due().isBefore(asOf)
                && (t.closedAt() == null || !t.closedAt().isBefore(asOf))).count();
        return new DutyReport.InspectionFigures(done, overdue);
    }
}
