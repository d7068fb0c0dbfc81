package io.hazardwatch.alerts.watchdog;

import java.time.Instant;

/**
 * The state of one stage for people on duty.
 *
 * @param stage  which stage
 * @param state  its state
 * @param since  when it entered this state (as the watchdog saw it)
 * @param reason why, in a sentence for the duty room
 */
public record StageStatus(Stage stage, StageState state, Instant since, String reason) {
}
