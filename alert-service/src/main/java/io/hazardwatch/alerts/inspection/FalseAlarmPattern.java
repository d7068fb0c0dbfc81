package io.hazardwatch.alerts.inspection;

import java.time.Duration;

/**
 * {@code patterns.falseAlarms} of the alerting policy: when one sensor's incidents that its enterprise answered as a
 * sensor fault or a false alarm reach {@code count} within {@code window}, a CALIBRATION task is created for it
 * (defaults: 3 within 30 days).
 */
public record FalseAlarmPattern(Integer count, Duration window) {

    public static FalseAlarmPattern defaults() {
        return new FalseAlarmPattern(null, null).validated();
    }

    public FalseAlarmPattern validated() {
        int c = count == null ? 3 : count;
        if (c < 1) {
            throw new IllegalArgumentException("patterns.falseAlarms.count: must be at least 1 (got " + c + ")");
        }
        return new FalseAlarmPattern(c, InspectionRules.positive("patterns.falseAlarms.window", window,
                Duration.ofDays(30)));
    }
}
