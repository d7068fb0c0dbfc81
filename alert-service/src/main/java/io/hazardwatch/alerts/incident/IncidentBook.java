package io.hazardwatch.alerts.incident;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /**
     * Incident ids by alarm key, by device and by enterprise (an incident's alarm key, device and enterprise never
     * change across its versions). Every settle of every open incident looked for its device's other active alarms,
     * and every new episode for older ones of its key, by scanning all incidents: with 5 000 devices of a site OFFLINE
     * at once, each once-a-second tick did 25 M comparisons and held every other alarm back by ~1 s
     * (bench/offline-flood.sh, DEVICES=5000).
     */
    private final Map<String, Set<String>> idsByKey = new HashMap<>();
    private final Map<String, Set<String>> idsByDevice = new HashMap<>();
    private final Map<String, Set<String>> idsByEnterprise = new HashMap<>();

    /** @param gridCellOf the grid cell of an enterprise, if known (e.g. {@code registry::gridCellOf}) */
    public IncidentBook(Function<String, Optional<String>> gridCellOf) {
        this.gridCellOf = gridCellOf;
    }

    /** Puts back an incident read from the store after a restart. */
    public void restore(Incident incident) {
        index(incidents.put(incident.id(), incident), incident);
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
        for (Incident older : of(idsByKey.get(event.alarmKey()))) {
            if (older.active()) { // the index holds this alarm key's incidents only
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
        Incident removed = incidents.remove(id);
        if (removed != null) {
            unindex(idsByKey, removed.alarm().alarmKey(), id);
            unindex(idsByDevice, deviceOf(removed.alarm().enterprise(), removed.alarm().device()), id);
            unindex(idsByEnterprise, removed.alarm().enterprise(), id);
        }
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

    /** The active incidents of one device (its sensors' alarms and its own, e.g. OFFLINE). */
    public List<Incident> activeOnDevice(String enterprise, String device) {
        return of(idsByDevice.get(deviceOf(enterprise, device))).stream().filter(Incident::active).toList();
    }

    /** Every incident of one enterprise, whatever its state. */
    public List<Incident> ofEnterprise(String enterprise) {
        return of(idsByEnterprise.get(enterprise));
    }

    /** Incidents that still need attention: not closed (active, or cleared but unacknowledged / not closed). */
    public List<Incident> open() {
        return incidents.values().stream().filter(i -> i.disposal() == null).toList();
    }

    public int size() {
        return incidents.size();
    }

    private List<Change> put(Incident before, Incident after) {
        index(incidents.put(after.id(), after), after);
        return List.of(new Change(before, after));
    }

    /** Indexes an incident put for the first time ({@code previous} null: no version of it was in the book). */
    private void index(Incident previous, Incident incident) {
        if (previous != null) {
            return;
        }
        String id = incident.id();
        idsByKey.computeIfAbsent(incident.alarm().alarmKey(), k -> new LinkedHashSet<>()).add(id);
        idsByDevice.computeIfAbsent(deviceOf(incident.alarm().enterprise(), incident.alarm().device()),
                k -> new LinkedHashSet<>()).add(id);
        idsByEnterprise.computeIfAbsent(incident.alarm().enterprise(), k -> new LinkedHashSet<>()).add(id);
    }

    private static void unindex(Map<String, Set<String>> index, String key, String id) {
        Set<String> ids = index.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            index.remove(key);
        }
    }

    private List<Incident> of(Set<String> ids) {
        if (ids == null) {
            return List.of();
        }
        List<Incident> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            found.add(incidents.get(id));
        }
        return found;
    }

    private static String deviceOf(String enterprise, String device) {
        return enterprise + '\u0000' + (device == null ? "\u0001" : device);
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
