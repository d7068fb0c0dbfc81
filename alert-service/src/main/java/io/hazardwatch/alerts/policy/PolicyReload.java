package io.hazardwatch.alerts.policy;

import io.hazardwatch.model.config.ConfigException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What of a changed alerting policy applies without a restart: the escalation, people, rotas, retries, storm window
 * and the enterprises' answer deadlines and contacts (the incident decisions read them anew). The park's time zone and
 * the grading, inspection, pattern and hidden-danger sections were handed to their books at start: a change to one of
 * them is refused, naming it, and applies at the next restart.
 */
public final class PolicyReload {

    private PolicyReload() {
    }

    /** Reads the changed file and checks it against the {@code running} policy; a ConfigException names the field. */
    public static AlertingPolicy load(Path path, String key, AlertingPolicy running) {
        AlertingPolicy next = AlertingPolicy.load(path, key);
        check(key, path, "timezone", running.timezone(), next.timezone());
        check(key, path, "grading", running.grading(), next.grading());
        check(key, path, "inspections", running.inspections(), next.inspections());
        check(key, path, "patterns", running.patterns(), next.patterns());
        check(key, path, "dangers", running.dangers(), next.dangers());
        return next;
    }

    private static void check(String key, Path path, String field, Object running, Object next) {
        if (!Objects.equals(running, next)) {
            throw new ConfigException(key + ": " + path + ": " + field + ": changed; it applies after a restart only"
                    + " (the rest of the file is not applied either until then)");
        }
    }
}
