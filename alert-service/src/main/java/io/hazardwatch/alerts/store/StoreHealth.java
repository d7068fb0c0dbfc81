package io.hazardwatch.alerts.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the incident store is committing, as plain data for {@code /health} and the watchdog. Messages are
 * sent only once their decision is committed, so a store that does not commit means notifications that wait.
 *
 * @param state          LOADING (incidents not loaded yet), READY, FAILING (writes fail, or changes have waited
 *                       longer than the bound), FAILED (this instance stopped writing for good)
 * @param since          when the current state began (null for READY)
 * @param reason         why, for people (null for READY)
 * @param pendingChanges incident and silence changes handed to the store and not committed yet
 * @param oldestPending  when the oldest of them was handed over (null when none)
 * @param droppedChanges changes given up since the start because the store refused them for good (see the log)
 */
public record StoreHealth(State state, Instant since, String reason, int pendingChanges, Instant oldestPending,
                          long droppedChanges) {

    public enum State {
        LOADING,
        READY,
        FAILING,
        FAILED
    }

    public boolean ok() {
        return state == State.READY;
    }

    /** Seconds the oldest pending change has waited at {@code now}; 0 when none waits. */
    public long oldestPendingSeconds(Instant now) {
        return oldestPending == null ? 0 : Math.max(0, Duration.between(oldestPending, now).toSeconds());
    }

    /** One line for people: {@code READY}, {@code LOADING}, or {@code FAILING since <time>: <reason>}. */
    public String describe() {
        return switch (state) {
            case READY, LOADING -> state.name();
            case FAILING, FAILED -> state + " since " + since + ": " + reason;
        };
    }
}
