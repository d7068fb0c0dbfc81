package io.hazardwatch.alerts.policy;

import io.hazardwatch.model.AlarmLevel;
import java.time.Duration;
import java.util.List;

/**
 * How an unacknowledged incident climbs the grid: each step fires {@code after} the incident was opened
 * (only once its level is at least {@code minLevel}); reminders go to the last step's people every
 * {@code remindEvery}, at most {@code maxReminders} times per step; everything stops on acknowledgement.
 */
public record EscalationPolicy(List<Step> steps, Duration remindEvery, int maxReminders) {

    public record Step(GridRole role, Duration after, AlarmLevel minLevel) {
    }

    void validate() {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("escalation.steps: at least one step is required");
        }
        Duration previous = Duration.ZERO;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.role() == null || step.after() == null || step.after().isNegative()) {
                throw new IllegalArgumentException("escalation.steps[" + i + "]: role and a non-negative 'after' are required");
            }
            if (step.after().compareTo(previous) < 0) {
                throw new IllegalArgumentException("escalation.steps[" + i + "].after: steps must be in order of delay");
            }
            previous = step.after();
        }
        if (remindEvery != null && (remindEvery.isNegative() || remindEvery.isZero())) {
            throw new IllegalArgumentException("escalation.remindEvery: must be positive");
        }
        if (maxReminders < 0) {
            throw new IllegalArgumentException("escalation.maxReminders: must not be negative");
        }
    }
}
