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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty log: every action and call with its time, as one list, newest first — incident events (raised,
 * acknowledged, escalation steps, each message queued, sent, delivered or failed), hidden-danger and inspection-task
 * changes, hand-overs and swaps. Read when it is asked for, from what is stored, with no second index to keep in
 * step: the incidents' events from the incident-event topic (the audit, read by a bounded consumer for the period
 * asked: complete, also for incidents removed after their retention), merged with the newest
 * {@value Incident#HISTORY_KEPT} each incident keeps (what the board shows, also when the topic cannot be read);
 * casework, hand-overs and swaps from the histories their records keep.
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

    /**
     * What the log is read from; {@code gridCellOf}: an enterprise's grid cell, for the events of incidents no longer
     * in the book.
     */
    public record Sources(Supplier<Collection<Incident>> incidents, IncidentAudit audit,
                          Function<String, String> gridCellOf, Supplier<Collection<HiddenDanger>> dangers,
                          Supplier<Collection<InspectionTask>> tasks, Supplier<Collection<Handover>> handovers,
                          Supplier<Collection<Swap>> swaps) {
    }

    /** The lines found; {@code auditRead} false: the incident-event topic could not be read, only kept events shown. */
    public record Found(List<Entry> entries, boolean auditRead) {
    }

    /** The most audit events one search reads. */
    static final int AUDIT_MAX = 50_000;

    /** What is asked: the period [from, to), a text to find (any field, ignoring case), one enterprise (or null). */
    public record Query(Instant from, Instant to, String text, String enterprise) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DutyLog.class);

    private final Sources sources;

    public DutyLog(Sources sources) {
        this.sources = sources;
    }

    /** The entries matching {@code query} that {@code visible} lets through, newest first, at most {@code limit}. */
    public Future<Found> search(Query query, Predicate<Entry> visible, int limit) {
        return sources.audit().read(query.from(), query.to(), AUDIT_MAX)
                .map(events -> new Found(search(query, visible, limit, events), true))
                .recover(e -> {
                    LOG.warn("duty log: incident event topic not read ({}); showing the events the incidents keep", e.toString());
                    return Future.succeededFuture(new Found(search(query, visible, limit, List.of()), false));
                });
    }

    private List<Entry> search(Query query, Predicate<Entry> visible, int limit, List<IncidentEvent> audit) {
        String text = query.text() == null || query.text().isBlank() ? null : query.text().toLowerCase(Locale.ROOT);
        return all(audit).stream()
                .filter(e -> query.from() == null || !e.at().isBefore(query.from()))
                .filter(e -> query.to() == null || e.at().isBefore(query.to()))
                .filter(e -> query.enterprise() == null || query.enterprise().equals(e.enterprise()))
                .filter(e -> text == null || matches(e, text))
                .filter(visible)
                .sorted(Comparator.comparing(Entry::at).reversed().thenComparing(Entry::subject))
                .limit(limit).toList();
    }

    private List<Entry> all(List<IncidentEvent> audit) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Incident> incidents = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Incident i : sources.incidents().get()) {
            incidents.put(i.id(), i);
            for (IncidentEvent e : i.history()) {
                seen.add(e.incidentId() + "#" + e.seq());
                entries.add(new Entry(e.at(), INCIDENT, i.id(), i.alarm().enterprise(), i.alarm().gridCell(), e.actor(),
                        e.type().name(), e.detail()));
            }
        }
        for (IncidentEvent e : audit) {
            if (seen.add(e.incidentId() + "#" + e.seq())) {
                Incident i = incidents.get(e.incidentId());
                String enterprise = i != null ? i.alarm().enterprise() : enterpriseOf(e.incidentId());
                entries.add(new Entry(e.at(), INCIDENT, e.incidentId(), enterprise, i != null ? i.alarm().gridCell()
                        : enterprise == null ? null : sources.gridCellOf().apply(enterprise), e.actor(), e.type().name(),
                        e.detail()));
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

    /** An incident id starts with its alarm key's enterprise ({@code <enterprise>~<device>~...}, see Incident#idOf). */
    static String enterpriseOf(String incidentId) {
        int tilde = incidentId.indexOf('~');
        return tilde <= 0 ? null : incidentId.substring(0, tilde);
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
