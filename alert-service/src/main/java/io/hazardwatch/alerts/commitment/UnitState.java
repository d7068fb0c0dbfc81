package io.hazardwatch.alerts.commitment;

/** The state an enterprise declares for one of its major-hazard units for the day. */
public enum UnitState {
    RUNNING,
    STOPPED,
    /** Under maintenance (检修): its alarms are shown as such on the board, never silenced. */
    MAINTENANCE
}
