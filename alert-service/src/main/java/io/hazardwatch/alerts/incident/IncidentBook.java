package io.hazardwatch.alerts.incident;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every incident the service knows, one per alarm episode, built by applying the detection job's transitions.
 *
 * <p>Dedup: a transition is routed to the incident of its episode (alarmKey + episodeStart), which ignores
 * a transition it has applied before; so redelivery and replay change nothing. A transition of an episode
 * older than the newest one seen for its key, for which there is no incident, is stale and ignored (a late
 * RAISED of an old episode never reopens it). A newer episode while the old one still looks active means
 * the old CLEARED was lost: the old incident is marked cleared.
 *
 * <p>Not thread-safe: the service calls it from one Vert.x context only.
 */
public final class IncidentBook {

    /** The incidents changed by one step, before and after (before is null for a new incident). */
    public record Change(Incident before, Incident after) {
        public List<IncidentEvent> events() {
            return after.eventsSince(before);
        }
    }

    private final Function<String, Optional<String>> gridCellOf;
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, Instant> newestEpisode = new HashMap<>();

    /** @param gridCellOf the grid cell of an enterprise, if known (e.g. {@code registry::gridCellOf}) */
    public IncidentBook(Function<String, Optional<String>> gridCellOf) {
        this.gridCellOf = gridCellOf;
    }

    /** Puts back an incident read from the store after a restart. */
    public void restore(Incident incident) {
        incidents.put(incident.id(), incident);
        newestEpisode.merge(incident.alarm().alarmKey(), incident.alarm().raisedAt(),
                (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Applies one alarm transition; the changes it made (none for a duplicate or stale transition). */
    public List<Change> apply(AlarmEvent event, Instant now) {
        requireIdentity(event);
        String id = Incident.idOf(event.alarmKey(), event.episodeStart());
        Incident existing = incidents.get(id);
        if (existing != null) {
            Incident next = existing.onTransition(event, now);
            return next == existing ? List.of() : List.of(put(existing, next).get(0));
        }
        Instant newest = newestEpisode.get(event.alarmKey());
        if (newest != null && !event.episodeStart().isAfter(newest)) {
            return List.of();
        }
        newestEpisode.put(event.alarmKey(), event.episodeStart());
        List<Change> changes = new ArrayList<>();
        for (Incident older : List.copyOf(incidents.values())) {
            if (older.active() && older.alarm().alarmKey().equals(event.alarmKey())) {
                changes.addAll(put(older, older.clearedBySystem("a newer episode of this alarm started at "
                        + event.episodeStart() + "; its CLEARED was never received", now)));
            }
        }
        if (event.transition() != AlarmTransition.CLEARED) {
            changes.addAll(put(null, Incident.open(event, gridCellOf.apply(event.enterprise()).orElse(null), now)));
        }
        return changes;
    }

    /** Replaces an incident by its next version (commands, escalation, outbox); the change, or none. */
    public List<Change> update(Incident before, Incident after) {
        if (before == after) {
            return List.of();
        }
        return put(before, after);
    }

    /**
     * Forgets an incident past its retention. Its key's newest episode is still remembered, so a late
     * redelivery of that episode does not open it again.
     */
    public void remove(String id) {
        incidents.remove(id);
    }

    public Optional<Incident> get(String id) {
        return Optional.ofNullable(incidents.get(id));
    }

    public Collection<Incident> all() {
        return incidents.values();
    }

    public List<Incident> active() {
        return incidents.values().stream().filter(Incident::active).toList();
    }

    /** Incidents that still need attention: not closed (active, or cleared but unacknowledged / not closed). */
    public List<Incident> open() {
        return incidents.values().stream().filter(i -> i.disposal() == null).toList();
    }

    public int size() {
        return incidents.size();
    }

    private List<Change> put(Incident before, Incident after) {
        incidents.put(after.id(), after);
        return List.of(new Change(before, after));
    }

    private static void requireIdentity(AlarmEvent event) {
        if (event.alarmKey() == null || event.enterprise() == null || event.episodeStart() == null
                || event.transition() == null || event.level() == null) {
            throw new IllegalArgumentException("alarm event needs alarmKey, enterprise, episodeStart, transition and level: "
                    + event);
        }
        if (event.transition() != AlarmTransition.CLEARED && event.level() == AlarmLevel.NONE) {
            throw new IllegalArgumentException("a " + event.transition() + " needs level FIRST or SECOND: " + event);
        }
    }
}
