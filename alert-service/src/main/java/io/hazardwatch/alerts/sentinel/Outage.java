package io.hazardwatch.alerts.sentinel;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The sentinel's judgement, one answer (or its absence) at a time: when the alert service has not answered for
 * {@code downAfter} it is down and the on-call is paged, again every {@code repeat} while it stays down, and told
 * once when it answers again (only after a page). No clocks of its own: the caller says when.
 */
final class Outage {

    enum Kind { DOWN, STILL_DOWN, BACK }

    /** What to tell the on-call: {@code since} the first unanswered check, {@code reason} the last failure seen. */
    record Page(Kind kind, Instant since, String reason, Instant at) {
    }

    private final Duration downAfter;
    private final Duration repeat;
    /** The first check without an answer of this outage; null while the service answers. */
    private Instant failingSince;
    /** When this outage was last paged; null before its first page. */
    private Instant pagedAt;

    Outage(Duration downAfter, Duration repeat) {
        this.downAfter = downAfter;
        this.repeat = repeat;
    }

    /** One check's outcome at {@code now}; {@code reason} says why it failed (ignored when {@code up}). */
    Optional<Page> observe(boolean up, String reason, Instant now) {
        if (up) {
            Instant since = failingSince;
            boolean paged = pagedAt != null;
            failingSince = null;
            pagedAt = null;
            return paged ? Optional.of(new Page(Kind.BACK, since, null, now)) : Optional.empty();
        }
        if (failingSince == null) {
            failingSince = now;
        }
        if (pagedAt == null && !now.isBefore(failingSince.plus(downAfter))) {
            pagedAt = now;
            return Optional.of(new Page(Kind.DOWN, failingSince, reason, now));
        }
        if (pagedAt != null && !now.isBefore(pagedAt.plus(repeat))) {
            pagedAt = now;
            return Optional.of(new Page(Kind.STILL_DOWN, failingSince, reason, now));
        }
        return Optional.empty();
    }

    /** Whether an outage is going on (a check failed since the last answer). */
    boolean failing() {
        return failingSince != null;
    }
}
