package io.hazardwatch.alerts.store;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The store refused some changes of a batch for good (a state record too large, a value that cannot be
 * serialised): writing them again cannot help, while the rest of the batch can still be written. Names each
 * refused incident and silence with the reason.
 */
public final class ChangeRefusedException extends RuntimeException {

    private final Map<String, String> incidents;
    private final Map<String, String> silences;

    /** @param incidents refused incident id -> reason; @param silences refused silence id -> reason */
    public ChangeRefusedException(Map<String, String> incidents, Map<String, String> silences) {
        super(Stream.concat(incidents.entrySet().stream().map(e -> "incident " + e.getKey() + ": " + e.getValue()),
                silences.entrySet().stream().map(e -> "silence " + e.getKey() + ": " + e.getValue()))
                .collect(Collectors.joining("; ")), null, false, false);
        this.incidents = Map.copyOf(incidents);
        this.silences = Map.copyOf(silences);
    }

    public Map<String, String> incidents() {
        return incidents;
    }

    public Map<String, String> silences() {
        return silences;
    }
}
