package io.hazardwatch.alerts.duty;

import io.hazardwatch.alerts.danger.HiddenDanger;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.inspection.InspectionTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The duty log: every action and call with its time, as one list, newest first — incident events (raised,
 * acknowledged, escalation steps, each message queued, sent, delivered or failed), hidden-danger and inspection-task
 * changes, hand-overs and swaps. It is read, at the moment it is asked for, from the audit each record keeps inside
 * itself in the incident store (an incident's newest {@value Incident#HISTORY_KEPT} events, a danger's and a task's
 * history): one author per fact, no second index to keep in step. So it reaches back as far as the records are kept
 * (closed incidents: the retention, {@code alert.retention-days}); the complete incident audit of older periods is
 * the incident-event topic.
 */
public final class DutyLog {

    /** The kinds of entries. */
    public static final String INCIDENT = "incident";
    public static final String DANGER = "danger";
    public static final String TASK = "task";
    public static final String HANDOVER = "handover";
    public static final String SWAP = "swap";

    /**
     * One line of the log.
     *
     * @param subject the record's id (incident, danger, task, hand-over, swap)
     * @param action  what happened, e.g. {@code ACKNOWLEDGED}, {@code DELIVERY}, {@code accept}
     */
    public record Entry(Instant at, String kind, String subject, String enterprise, String gridCell, String actor,
                        String action, String detail) {
    }

    /** What the log is read from. */
    public record Sources(Supplier<Collection<Incident>> incidents, Supplier<Collection<HiddenDanger>> dangers,
                          Supplier<Collection<InspectionTask>> tasks, Supplier<Collection<Handover>> handovers,
                          Supplier<Collection<Swap>> swaps) {
    }

    /** What is asked: the period [from, to), a text to find (any field, ignoring case), one enterprise (or null). */
    public record Query(Instant from, Instant to, String text, String enterprise) {
    }

    private final Sources sources;

    public DutyLog(Sources sources) {
        this.sources = sources;
    }

    /** The entries matching {@code query} that {@code visible} lets through, newest first, at most {@code limit}. */
    public List<Entry> search(Query query, Predicate<Entry> visible, int limit) {
        String text = query.text() == null || query.text().isBlank() ? null : query.text().toLowerCase(Locale.ROOT);
        return all().stream()
                .filter(e -> query.from() == null || !e.at().isBefore(query.from()))
                .filter(e -> query.to() == null || e.at().isBefore(query.to()))
                .filter(e -> query.enterprise() == null || query.enterprise().equals(e.enterprise()))
                .filter(e -> text == null || matches(e, text))
                .filter(visible)
                .sorted(Comparator.comparing(Entry::at).reversed().thenComparing(Entry::subject))
                .limit(limit).toList();
    }

    private List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        for (Incident i : sources.incidents().get()) {
            for (IncidentEvent e : i.history()) {
                entries.add(new Entry(e.at(), INCIDENT, i.id(), i.alarm().enterprise(), i.alarm().gridCell(), e.actor(),
                        e.type().name(), e.detail()));
            }
        }
        for (HiddenDanger d : sources.dangers().get()) {
            d.history().forEach(c -> entries.add(new Entry(c.at(), DANGER, d.id(), d.enterprise(), d.gridCell(), c.by(),
                    c.action(), c.detail())));
        }
        for (InspectionTask t : sources.tasks().get()) {
            t.history().forEach(e -> entries.add(new Entry(e.at(), TASK, t.id(), t.enterprise(), t.gridCell(), e.who(),
                    t.kind().name(), e.what())));
        }
        for (Handover h : sources.handovers().get()) {
            h.history().forEach(e -> entries.add(new Entry(e.at(), HANDOVER, h.id(), null, null, e.who(),
                    e.what().startsWith("acknowledged") ? "acknowledged" : "written", e.what())));
        }
        for (Swap s : sources.swaps().get()) {
            entries.add(new Entry(s.at(), SWAP, s.id(), null, null, s.by(), "swap", s.date() + " " + s.shift() + ": "
                    + s.officer() + " -> " + s.withOfficer() + (s.withDate() == null ? ""
                    : "; " + s.withDate() + " " + s.withShift() + ": " + s.withOfficer() + " -> " + s.officer())));
        }
        return entries;
    }

    private static boolean matches(Entry e, String text) {
        for (String field : new String[] {e.subject(), e.enterprise(), e.gridCell(), e.actor(), e.action(), e.detail()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
