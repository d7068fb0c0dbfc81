package io.hazardwatch.alerts.commitment;

import java.util.List;

/**
 * An enterprise as the commitment sees it: the units it declares for (the registry's {@code majorHazards[].unit},
 * or one {@link CommitmentRules#WHOLE_SITE} entry) and whether it must commit each day.
 */
public record Site(String enterprise, String name, String gridCell, List<String> units, boolean required) {

    public Site {
        units = List.copyOf(units);
    }
}
