package io.hazardwatch.alerts.watchdog;

/** How a stage of the monitoring chain is doing, as far as the alert service can tell. */
public enum StageState {
    OK,
    /** Working, but alarms may come late or history may be missing. */
    DEGRADED,
    /** Not working: alarms of this stage's part of the chain cannot reach the board. */
    DOWN,
    /** Cannot be judged yet (just started) or right now (Kafka, through which its heartbeats come, is away). */
    UNKNOWN;

    /** Whether this state raises the stage's system incident. */
    public boolean isFault() {
        return this == DEGRADED || this == DOWN;
    }
}
