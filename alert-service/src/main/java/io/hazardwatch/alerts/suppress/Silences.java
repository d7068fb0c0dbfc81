package io.hazardwatch.alerts.suppress;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every silence the service keeps (current, ended or removed) by id, until it passes its retention. One context. */
public final class Silences {

    private final Map<String, Silence> byId = new LinkedHashMap<>();

    /** Adds a silence, or replaces it by its newer version. */
    public void put(Silence silence) {
        byId.put(silence.id(), silence);
    }

    /** The silence of this id, unless it is unknown or removed already. */
    public Optional<Silence> current(String id) {
        return Optional.ofNullable(byId.get(id)).filter(s -> !s.removed());
    }

    public Collection<Silence> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    /** Forgets the silences that ended before {@code cutoff}; their ids. */
    public List<String> forgetEndedBefore(Instant cutoff) {
        List<String> gone = byId.values().stream().filter(s -> s.until().isBefore(cutoff)).map(Silence::id).toList();
        gone.forEach(byId::remove);
        return gone;
    }
}
