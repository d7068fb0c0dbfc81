package io.hazardwatch.alerts.grading;

import io.hazardwatch.alerts.store.Kept;
import java.util.List;

/** Where the grading's records go: the incident store, beside the incidents (the composition root adapts it). */
public interface KeptWriter {

    void keep(List<Kept> records);

    /** Deletes kept records by {@link Kept#key()}. */
    void delete(List<String> keys);
}
