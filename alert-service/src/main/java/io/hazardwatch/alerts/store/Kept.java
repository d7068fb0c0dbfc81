package io.hazardwatch.alerts.store;

import io.hazardwatch.model.Json;

/**
 * A record kept in the incident store beside the incidents, named by its kind and id: a silence, a hidden danger,
 * an inspection task, a safety commitment, a list entry. The state topic keeps its newest value under the key
 * {@code <kind>/<id>}; it is written in the same transactions as the incidents, through {@link GroupCommit}, and
 * comes back with {@link IncidentStore#load()}.
 *
 * @param kind  a short lowercase name without '/', e.g. {@code silence}; also the key's prefix
 * @param value the record (any Jackson-serialisable value); as loaded from Kafka, its JSON tree
 */
public record Kept(String kind, String id, Object value) {

    public Kept {
        if (kind == null || kind.isEmpty() || kind.indexOf('/') >= 0 || kind.equals("incident") || kind.equals("offsets")) {
            throw new IllegalArgumentException("not a kind of kept record: " + kind);
        }
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a kept " + kind + " needs an id");
        }
    }

    /** The state topic's key of a record of {@code kind} with {@code id}. */
    public static String keyOf(String kind, String id) {
        return kind + "/" + id;
    }

    public String key() {
        return keyOf(kind, id);
    }

    /** The value as {@code type}: as given when written here, converted from its JSON when loaded. */
    public <T> T as(Class<T> type) {
        return type.isInstance(value) ? type.cast(value) : Json.MAPPER.convertValue(value, type);
    }
}
