package io.hazardwatch.alerts.policy;

import io.hazardwatch.model.AlarmLevel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How soon an enterprise must answer one of its incidents, by alarm level, counted from when the incident opened:
 * confirm it has seen the alarm, then report cause and measures. A level without deadlines asks for no answer.
 *
 * @param deadlines the deadlines by level; defaults: level 2 (SECOND) confirm 5 min, report 30 min; level 1 (FIRST)
 *                  confirm 15 min, report 120 min
 */
public record FeedbackPolicy(Map<AlarmLevel, Deadlines> deadlines) {

    /** Confirm within {@code confirm}, report within {@code report} (both from opening; report not before confirm). */
    public record Deadlines(Duration confirm, Duration report) {
    }

    public static FeedbackPolicy defaults() {
        return new FeedbackPolicy(Map.of(
                AlarmLevel.SECOND, new Deadlines(Duration.ofMinutes(5), Duration.ofMinutes(30)),
                AlarmLevel.FIRST, new Deadlines(Duration.ofMinutes(15), Duration.ofMinutes(120))));
    }

    /** The deadlines of {@code level}, or null if an incident of that level needs no answer. */
    public Deadlines at(AlarmLevel level) {
        return deadlines.get(level);
    }

    /** This policy checked, the default levels filled in where the file names none. */
    FeedbackPolicy validated() {
        Map<AlarmLevel, Deadlines> all = new EnumMap<>(AlarmLevel.class);
        all.putAll(defaults().deadlines());
        if (deadlines != null) {
            for (Map.Entry<AlarmLevel, Deadlines> e : deadlines.entrySet()) {
                String field = "feedback.deadlines." + e.getKey();
                Deadlines d = e.getValue();
                if (e.getKey() == null || e.getKey() == AlarmLevel.NONE) {
                    throw new IllegalArgumentException("feedback.deadlines: levels are FIRST and SECOND");
                }
                if (d == null || d.confirm() == null || d.report() == null) {
                    throw new IllegalArgumentException(field + ": confirm and report are required");
                }
                if (d.confirm().isNegative() || d.confirm().isZero()) {
                    throw new IllegalArgumentException(field + ".confirm: must be positive");
                }
                if (d.report().compareTo(d.confirm()) < 0) {
                    throw new IllegalArgumentException(field + ".report: must not be before confirm");
                }
                all.put(e.getKey(), d);
            }
        }
        return new FeedbackPolicy(Map.copyOf(all));
    }
}
