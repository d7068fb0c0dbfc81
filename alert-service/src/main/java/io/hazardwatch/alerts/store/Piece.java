package io.hazardwatch.alerts.store;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What waits to be written by {@link GroupCommit} for one key (an incident, a kept record, the alarms position): the
 * newest state (or a deletion), the audit events, and the submissions waiting for it.
 */
final class Piece {

    /** The key of the alarms position (one per store). */
    static final String OFFSETS = "offsets";

    static String incidentKey(String id) {
        return INCIDENT + id;
    }

    static final String INCIDENT = "incident/";

    final String key;
    final Instant since;
    Incident incident;
    Kept kept;
    Map<Integer, Long> offsets;
    boolean removed;
    boolean suspect;
    final List<IncidentEvent> events = new ArrayList<>();
    final Set<Submission> waiting = new LinkedHashSet<>();

    Piece(String key, Instant since) {
        this.key = key;
        this.since = since;
    }

    String id() {
        return key.substring(key.indexOf('/') + 1);
    }

    boolean isIncident() {
        return key.startsWith(INCIDENT);
    }

    String describe() {
        return key.equals(OFFSETS) ? "the alarms position" : key.replace('/', ' ');
    }

    void remove() {
        incident = null;
        kept = null;
        removed = true;
    }

    /** This (older, failed) piece with a newer one of the same key queued since. */
    Piece mergedWith(Piece newer) {
        Piece merged = new Piece(key, since);
        merged.incident = newer.incident != null || newer.removed ? newer.incident : incident;
        merged.kept = newer.kept != null || newer.removed ? newer.kept : kept;
        merged.offsets = newer.offsets != null ? newer.offsets : offsets;
        merged.removed = newer.removed || (removed && newer.incident == null && newer.kept == null);
        merged.suspect = suspect;
        merged.events.addAll(events);
        merged.events.addAll(newer.events);
        merged.waiting.addAll(waiting);
        for (Submission s : newer.waiting) {
            if (!merged.waiting.add(s)) {
                s.open--; // counted for both pieces, now one
            }
        }
        return merged;
    }

    void resolve(String failure) {
        waiting.forEach(s -> s.resolved(failure));
        waiting.clear();
    }
}
