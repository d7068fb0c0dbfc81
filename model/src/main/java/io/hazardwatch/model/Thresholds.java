package io.hazardwatch.model;

import java.io.Serializable;

/**
 * A sensor's alarm set points. High limits alarm at or above the value, low limits at or below it
 * (oxygen deficiency). Any limit may be null. An active alarm clears only once the value is back
 * past the limit by {@code deadband} (hysteresis), so a signal hovering at a set point does not flap.
 */
public record Thresholds(Double firstHigh, Double secondHigh, Double firstLow, Double secondLow, double deadband)
        implements Serializable {

    public Thresholds {
        if (firstHigh == null && secondHigh == null && firstLow == null && secondLow == null) {
            throw new IllegalArgumentException("at least one set point is required");
        }
        if (firstHigh != null && secondHigh != null && secondHigh < firstHigh) {
            throw new IllegalArgumentException("secondHigh (" + secondHigh + ") must not be below firstHigh (" + firstHigh + ")");
        }
        if (firstLow != null && secondLow != null && secondLow > firstLow) {
            throw new IllegalArgumentException("secondLow (" + secondLow + ") must not be above firstLow (" + firstLow + ")");
        }
        if (!(deadband >= 0)) {
            throw new IllegalArgumentException("deadband must be >= 0, was " + deadband);
        }
    }

    /** Two high limits with the default deadband of 10 % of the first level. */
    public static Thresholds high(double first, double second) {
        return new Thresholds(first, second, null, null, first * 0.1);
    }

    /** The level a value reaches, ignoring hysteresis. */
    public AlarmLevel levelOf(double value) {
        return levelOf(value, 0);
    }

    /** The level a value still holds while clearing: every limit moved by the deadband towards safety. */
    public AlarmLevel holdLevelOf(double value) {
        return levelOf(value, deadband);
    }

    /** The set point that the given level crossed for this value (for the alarm's explanation). */
    public Double setPointFor(AlarmLevel level, double value) {
        return switch (level) {
            case SECOND -> secondHigh != null && value >= secondHigh ? secondHigh : secondLow;
            case FIRST -> firstHigh != null && value >= firstHigh ? firstHigh : firstLow;
            case NONE -> null;
        };
    }

    private AlarmLevel levelOf(double value, double margin) {
        if (crossesHigh(secondHigh, value, margin) || crossesLow(secondLow, value, margin)) {
            return AlarmLevel.SECOND;
        }
        if (crossesHigh(firstHigh, value, margin) || crossesLow(firstLow, value, margin)) {
            return AlarmLevel.FIRST;
        }
        return AlarmLevel.NONE;
    }

    private static boolean crossesHigh(Double limit, double value, double margin) {
        return limit != null && value >= limit - margin;
    }

    private static boolean crossesLow(Double limit, double value, double margin) {
        return limit != null && value <= limit + margin;
    }
}
