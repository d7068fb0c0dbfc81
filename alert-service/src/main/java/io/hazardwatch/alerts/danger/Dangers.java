package io.hazardwatch.alerts.danger;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every hidden danger the service keeps, by id, newest version each. One Vert.x context; no locking. */
public final class Dangers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Map<String, HiddenDanger> byId = new LinkedHashMap<>();

    /** Adds a danger, or replaces it by its newer version. */
    public void put(HiddenDanger danger) {
        byId.put(danger.id(), danger);
    }

    public Optional<HiddenDanger> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<HiddenDanger> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    /** A new readable id for a danger reported on {@code day}: {@code danger-<yyyymmdd>-<n>}, n counting from 1. */
    public String nextId(LocalDate day) {
        String prefix = "danger-" + DAY.format(day) + "-";
        int highest = 0;
        for (String id : byId.keySet()) {
            if (id.startsWith(prefix)) {
                try {
                    highest = Math.max(highest, Integer.parseInt(id.substring(prefix.length())));
                } catch (NumberFormatException e) {
                    // not one of ours: ignore
                }
            }
        }
        return prefix + (highest + 1);
    }
}
