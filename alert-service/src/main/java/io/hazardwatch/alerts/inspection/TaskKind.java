package io.hazardwatch.alerts.inspection;

/** Why an inspection task exists. */
public enum TaskKind {
    /** The enterprise's routine inspection, due by its standing ({@code inspections.every}). */
    SCHEDULED,
    /** A follow-up of an incident the enterprise said was a real release (origin: the incident id). */
    FROM_ALARM,
    /** A check of a hidden danger (origin: the hidden-danger id). */
    FROM_DANGER,
    /** A sensor's calibration after too many false alarms ({@code patterns.falseAlarms}). */
    CALIBRATION
}
