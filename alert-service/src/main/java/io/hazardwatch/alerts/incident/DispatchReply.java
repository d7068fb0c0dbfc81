package io.hazardwatch.alerts.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * What the emergency dispatch centre answered about an incident it was handed (its signed callback): that it took
 * the call, and which unit it sent. An incident keeps the latest answer; every answer is in its audit history.
 *
 * @param status     {@link Status#ACKNOWLEDGED} (调度已接警) or {@link Status#UNIT_ASSIGNED} (a unit is on its way)
 * @param unit       the unit assigned, as dispatch names it ("消防3队"); null when none is named yet
 * @param at         when dispatch says it happened
 * @param receivedAt when the service recorded it
 */
public record DispatchReply(Status status, String unit, Instant at, Instant receivedAt) {

    /** Longest unit name kept, in characters. */
    public static final int UNIT_MAX_CHARS = 100;

    public enum Status {
        ACKNOWLEDGED,
        UNIT_ASSIGNED
    }

    public DispatchReply {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(receivedAt, "receivedAt");
        unit = unit == null || unit.isBlank() ? null : unit.strip();
        if (unit != null && unit.length() > UNIT_MAX_CHARS) {
            throw new IllegalArgumentException("unit is longer than " + UNIT_MAX_CHARS + " characters");
        }
        if (status == Status.UNIT_ASSIGNED && unit == null) {
            throw new IllegalArgumentException("unit is required when a unit is assigned");
        }
    }

    /** The audit line: "ACKNOWLEDGED" or "UNIT_ASSIGNED 消防3队 at 2026-…". */
    public String describe() {
        return status + (unit == null ? "" : " " + unit) + " at " + at;
    }

    /** The answer after this one: a unit named earlier stays named when dispatch only acknowledges again. */
    public DispatchReply after(DispatchReply previous) {
        return unit == null && previous != null && previous.unit() != null
                ? new DispatchReply(status, previous.unit(), at, receivedAt) : this;
    }
}
