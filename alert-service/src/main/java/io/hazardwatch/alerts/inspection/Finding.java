package io.hazardwatch.alerts.inspection;

import io.hazardwatch.alerts.danger.Severity;

/**
 * Something wrong an inspector found on site; each finding is reported as a new hidden danger.
 *
 * @param unit     the enterprise's unit (plant, tank farm, workshop) where it was found; may be null
 * @param dangerId the hidden danger it became; null until the register took it
 */
public record Finding(String title, Severity severity, String unit, String dangerId) {

    /** As the hidden-danger register grades them. */
    public Finding {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("findings[].title is required");
        }
        if (severity == null) {
            throw new IllegalArgumentException("findings[].severity is required (GENERAL or MAJOR)");
        }
        title = title.strip();
    }

    public Finding reportedAs(String danger) {
        return new Finding(title, severity, unit, danger);
    }
}
