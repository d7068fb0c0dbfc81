package io.hazardwatch.alerts.commitment;

/** Where an enterprise stands with its commitment for one day. */
public enum CommitmentStatus {
    /** Made by the deadline. */
    SUBMITTED,
    /** Made, but after the deadline. */
    LATE,
    /** Required, not made, and the deadline has passed: flagged and escalated. */
    MISSING,
    /** Required, not made yet, the deadline still ahead. */
    DUE,
    /** Not required of this enterprise and not made. */
    NOT_REQUIRED
}
