package io.hazardwatch.model;

/** What happened to an alarm episode. An episode starts with RAISED and ends with CLEARED. */
public enum AlarmTransition {
    RAISED,
    ESCALATED,
    CLEARED
}
