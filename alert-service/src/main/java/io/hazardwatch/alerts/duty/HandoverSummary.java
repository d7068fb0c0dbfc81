package io.hazardwatch.alerts.duty;

import io.hazardwatch.alerts.danger.HiddenDanger;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.inspection.InspectionTask;
import io.hazardwatch.model.AlarmLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the outgoing officer hands over, as the server found it at {@code at}: open incidents (counted by level, the
 * unacknowledged ones listed), enterprises' answers due or late, hidden dangers due within {@value #DANGER_DAYS} days
 * or overdue, today's missing commitments, overdue inspection tasks. Each list keeps the first {@value #LISTED} (the
 * counts are complete), so a hand-over stays a small record.
 */
public record HandoverSummary(Instant at, int openIncidents, Map<AlarmLevel, Integer> openByLevel,
                              int unacknowledgedCount, List<Line> unacknowledged, int feedbackDueCount,
                              List<Line> feedbackDue, int feedbackLateCount, List<Line> feedbackLate,
                              int dangersDueCount, List<Line> dangersDue, int dangersOverdueCount,
                              List<Line> dangersOverdue, int commitmentsMissingCount, List<String> commitmentsMissing,
                              int tasksOverdueCount, List<Line> tasksOverdue) {

    /** Hidden dangers due within this many days are handed over. */
    public static final int DANGER_DAYS = 3;
    /** The longest list kept per heading. */
    public static final int LISTED = 50;

    /** One case named in the summary: its id, enterprise, a short text and the time that matters (due, opened). */
    public record Line(String id, String enterprise, String text, Instant when) {
    }

    /** The casework the summary is built from, as the books hold it now. */
    public record Books(Collection<Incident> openIncidents, Collection<HiddenDanger> dangers,
                        Collection<InspectionTask> tasks, List<String> commitmentsMissing) {
    }

    public static HandoverSummary of(Books books, Instant now) {
        Map<AlarmLevel, Integer> byLevel = new TreeMap<>();
        books.openIncidents().forEach(i -> byLevel.merge(i.alarm().level(), 1, Integer::sum));
        List<Line> unacked = books.openIncidents().stream().filter(Incident::awaitsAcknowledgement)
                .map(i -> new Line(i.id(), i.alarm().enterprise(), i.alarm().level() + " " + i.alarm().alarmType()
                        + " " + i.alarm().sensor(), i.openedAt())).sorted(Comparator.comparing(Line::when)).toList();
        List<Incident> answering = books.openIncidents().stream().filter(i -> i.feedback().needed()
                && !i.feedback().answered(Feedback.REPORT)).toList();
        List<Line> late = answering.stream().filter(i -> i.feedback().wasLate() || !i.feedback().overdueAt(now).isEmpty())
                .map(i -> feedbackLine(i, now)).sorted(Comparator.comparing(Line::when)).toList();
        List<Line> due = answering.stream().filter(i -> !i.feedback().wasLate() && i.feedback().overdueAt(now).isEmpty())
                .map(i -> feedbackLine(i, now)).sorted(Comparator.comparing(Line::when)).toList();
        Instant soon = now.plus(Duration.ofDays(DANGER_DAYS));
        List<HiddenDanger> openDangers = books.dangers().stream().filter(d -> !d.status().done() && d.deadline() != null)
                .toList();
        List<Line> overdue = openDangers.stream().filter(d -> d.deadline().isBefore(now)).map(HandoverSummary::dangerLine)
                .sorted(Comparator.comparing(Line::when)).toList();
        List<Line> dueSoon = openDangers.stream().filter(d -> !d.deadline().isBefore(now) && !d.deadline().isAfter(soon))
                .map(HandoverSummary::dangerLine).sorted(Comparator.comparing(Line::when)).toList();
        List<Line> tasks = books.tasks().stream().filter(t -> t.overdueAt(now))
                .map(t -> new Line(t.id(), t.enterprise(), t.kind() + (t.title() == null ? "" : " " + t.title()), t.due()))
                .sorted(Comparator.comparing(Line::when)).toList();
        List<String> missing = books.commitmentsMissing().stream().sorted().toList();
        return new HandoverSummary(now, books.openIncidents().size(), byLevel, unacked.size(), first(unacked),
                due.size(), first(due), late.size(), first(late), dueSoon.size(), first(dueSoon), overdue.size(),
                first(overdue), missing.size(), first(missing), tasks.size(), first(tasks));
    }

    private static Line feedbackLine(Incident i, Instant now) {
        String part = i.feedback().answered(Feedback.CONFIRM) ? Feedback.REPORT : Feedback.CONFIRM;
        Instant by = i.feedback().deadlineOf(part);
        return new Line(i.id(), i.alarm().enterprise(), part, by == null ? i.openedAt() : by);
    }

    private static Line dangerLine(HiddenDanger d) {
        return new Line(d.id(), d.enterprise(), d.severity() + " " + d.title(), d.deadline());
    }

    private static <T> List<T> first(List<T> all) {
        return List.copyOf(all.subList(0, Math.min(LISTED, all.size())));
    }
}
