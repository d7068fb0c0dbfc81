package io.hazardwatch.alerts.danger;

/**
 * Where a hidden danger is in its rectification: REPORTED → RECTIFYING → SUBMITTED (for acceptance) → ACCEPTED →
 * CLOSED, or SUBMITTED → SENT_BACK → RECTIFYING. The moves are {@link HiddenDanger}'s methods.
 */
public enum DangerStatus {
    REPORTED,
    RECTIFYING,
    SUBMITTED,
    SENT_BACK,
    ACCEPTED,
    CLOSED;

    /** Whether the danger is rectified and accepted (or closed): it can no longer be overdue. */
    public boolean done() {
        return this == ACCEPTED || this == CLOSED;
    }
}
