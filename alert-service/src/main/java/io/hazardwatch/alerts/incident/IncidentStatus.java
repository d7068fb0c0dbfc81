package io.hazardwatch.alerts.incident;

/** Where an incident stands in its closed loop: raised → acknowledged → cleared → closed. */
public enum IncidentStatus {
    /** Active, nobody has acknowledged it yet: escalation runs. */
    RAISED,
    /** Active and acknowledged: escalation stopped, someone is on it. */
    ACKNOWLEDGED,
    /** The alarm cleared before anyone acknowledged it: stays on the board until acknowledged or closed. */
    CLEARED_UNACKNOWLEDGED,
    /** Cleared and acknowledged: waits for the disposal record. */
    CLEARED,
    /** Closed with a disposal record. */
    CLOSED
}
