package io.hazardwatch.alerts.danger;

import java.time.Duration;

/**
 * The alarm patterns that make a hidden danger by themselves ({@code patterns} in the alerting policy).
 *
 * @param realAlarms the same sensor's incidents answered "real release" reaching {@code count} within
 *                   {@code window}: a danger of {@code severity} with a deadline {@code deadlineDays} days on
 */
public record AlarmPatterns(RealAlarms realAlarms) {

    public record RealAlarms(Integer count, Duration window, Severity severity, Integer deadlineDays) {
    }

    /** 3 real releases in 7 days ⇒ a GENERAL danger to rectify within 7 days. */
    public static AlarmPatterns defaults() {
        return new AlarmPatterns(null).validated();
    }

    /** Missing values take their defaults; a bad one fails naming the field. */
    public AlarmPatterns validated() {
        RealAlarms r = realAlarms == null ? new RealAlarms(null, null, null, null) : realAlarms;
        RealAlarms filled = new RealAlarms(r.count() == null ? 3 : r.count(),
                r.window() == null ? Duration.ofDays(7) : r.window(),
                r.severity() == null ? Severity.GENERAL : r.severity(),
                r.deadlineDays() == null ? 7 : r.deadlineDays());
        if (filled.count() < 1) {
            throw new IllegalArgumentException("patterns.realAlarms.count: must be at least 1");
        }
        if (filled.window().isNegative() || filled.window().isZero()) {
            throw new IllegalArgumentException("patterns.realAlarms.window: must be a positive duration (e.g. P7D)");
        }
        if (filled.deadlineDays() < 1) {
            throw new IllegalArgumentException("patterns.realAlarms.deadlineDays: must be at least 1");
        }
        return new AlarmPatterns(filled);
    }
}
