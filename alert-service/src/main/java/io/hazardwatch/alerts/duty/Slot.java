package io.hazardwatch.alerts.duty;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One shift of one day as resolved: when it runs, who is the duty officer and who leads (带班).
 *
 * @param date       the day the shift starts (the park's local date)
 * @param overridden whether a dated override of the roster file applies
 * @param swap       the id of the swap that put {@code officer} on it, or null
 */
public record Slot(LocalDate date, String shift, Instant start, Instant end, String officer, String leader,
                   boolean overridden, String swap) {
}
