package io.hazardwatch.alerts.duty;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A swap of shifts between two duty officers, kept beside the incidents (key {@code swap/<id>}) and applied on top
 * of the roster file: {@code withOfficer} takes {@code officer}'s shift ({@code date}, {@code shift}) and, when a
 * second shift is named ({@code withDate}, {@code withShift}), {@code officer} takes that one in return. Immutable:
 * made once, by {@code by} at {@code at}.
 */
public record Swap(String id, LocalDate date, String shift, String officer, LocalDate withDate, String withShift,
                   String withOfficer, String by, Instant at) {

    /** The kind of a swap among the records the incident store keeps. */
    public static final String KIND = "swap";

    /** The officer this swap puts on the shift {@code name} of {@code day}, or null if it does not touch it. */
    public String officerOn(LocalDate day, String name) {
        if (day.equals(date) && name.equals(shift)) {
            return withOfficer;
        }
        if (withDate != null && day.equals(withDate) && name.equals(withShift)) {
            return officer;
        }
        return null;
    }
}
