package io.hazardwatch.alerts.inspection;

/** OPEN → DONE (with a result) or CANCELLED; both ends are final. */
public enum TaskStatus {
    OPEN,
    DONE,
    CANCELLED
}
