package io.hazardwatch.alerts;

import io.hazardwatch.alerts.decision.IncidentPolicy;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.store.CommitTracker;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.alerts.suppress.Silence;
import io.hazardwatch.alerts.suppress.Silences;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes closed incidents and ended silences older than the retention ({@code alert.retention-days}), from memory
 * and from the store; looked for at most once a minute. Runs on the engine's context.
 */
public final class RetentionSweep {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);
    /** How often incidents and silences past their retention are looked for. */
    private static final Duration EVERY = Duration.ofMinutes(1);

    private final IncidentBook book;
    private final Silences silences;
    private final CommitTracker commits;
    private final OutboxRelay outbox;
    private final Duration retention;
    private Instant last;

    public RetentionSweep(IncidentBook book, Silences silences, CommitTracker commits, OutboxRelay outbox,
                          Duration retention) {
        this.book = book;
        this.silences = silences;
        this.commits = commits;
        this.outbox = outbox;
        this.retention = retention;
    }

    void sweep(Instant now) {
        if (last != null && now.isBefore(last.plus(EVERY))) {
            return;
        }
        last = now;
        Instant cutoff = now.minus(retention);
        // only what is fully stored and has no message in flight
        List<String> incidents = IncidentPolicy.expired(book.all(), cutoff,
                i -> commits.settled(i) && !outbox.sending(i));
        List<String> gone = silences.forgetEndedBefore(cutoff);
        if (incidents.isEmpty() && gone.isEmpty()) {
            return;
        }
        incidents.forEach(book::remove);
        LOG.info("retention: deleting {} incident(s) closed and {} silence(s) ended more than {} days ago",
                incidents.size(), gone.size(), retention.toDays());
        commits.delete(incidents, gone.stream().map(id -> Kept.keyOf(Silence.KIND, id)).toList());
    }
}
