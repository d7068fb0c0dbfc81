package io.hazardwatch.alerts.store;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The store refused some changes of a batch for good (a state record too large, a value that cannot be
 * serialised): writing them again cannot help, while the rest of the batch can still be written. Names each
 * refused incident and kept record with the reason.
 */
public final class ChangeRefusedException extends RuntimeException {

    private final Map<String, String> incidents;
    private final Map<String, String> kept;

    /** @param incidents refused incident id -> reason; @param kept refused kept record's key -> reason */
    public ChangeRefusedException(Map<String, String> incidents, Map<String, String> kept) {
        super(Stream.concat(incidents.entrySet().stream().map(e -> "incident " + e.getKey() + ": " + e.getValue()),
                kept.entrySet().stream().map(e -> e.getKey().replace('/', ' ') + ": " + e.getValue()))
                .collect(Collectors.joining("; ")), null, false, false);
        this.incidents = Map.copyOf(incidents);
        this.kept = Map.copyOf(kept);
    }

    public Map<String, String> incidents() {
        return incidents;
    }

    /** Refused kept records by {@link Kept#key()}. */
    public Map<String, String> kept() {
        return kept;
    }
}
