package io.hazardwatch.alerts.inspection;

import java.time.Duration;

/**
 * The inspection schedule of the alerting policy ({@code inspections:}); every field has a default.
 *
 * @param every          how often an enterprise is inspected, by its {@link Standing}
 * @param scheduledDue   a SCHEDULED task is due this long after it is created (default 3 days)
 * @param followUpDue    a FROM_ALARM follow-up is due this long after the incident closed (default 3 days)
 * @param calibrationDue a CALIBRATION task is due this long after it is created (default 7 days)
 */
public record InspectionRules(Every every, Duration scheduledDue, Duration followUpDue, Duration calibrationDue) {

    /** Priority list (default 7 days), watch list (14 days), every other enterprise (30 days). */
    public record Every(Duration priority, Duration watch, Duration others) {
    }

    public static InspectionRules defaults() {
        return new InspectionRules(null, null, null, null).validated();
    }

    /** Fills in the defaults; a duration that is not positive is refused naming its field. */
    public InspectionRules validated() {
        Every e = every == null ? new Every(null, null, null) : every;
        Every filled = new Every(positive("inspections.every.priority", e.priority(), Duration.ofDays(7)),
                positive("inspections.every.watch", e.watch(), Duration.ofDays(14)),
                positive("inspections.every.others", e.others(), Duration.ofDays(30)));
        return new InspectionRules(filled, positive("inspections.scheduledDue", scheduledDue, Duration.ofDays(3)),
                positive("inspections.followUpDue", followUpDue, Duration.ofDays(3)),
                positive("inspections.calibrationDue", calibrationDue, Duration.ofDays(7)));
    }

    /** The interval for an enterprise of this standing (priority wins over watch). */
    public Duration intervalFor(Standing standing, String enterprise) {
        return standing.priority(enterprise) ? every.priority()
                : standing.watch(enterprise) ? every.watch() : every.others();
    }

    static Duration positive(String field, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": must be a positive duration (got " + value + ")");
        }
        return value;
    }
}
