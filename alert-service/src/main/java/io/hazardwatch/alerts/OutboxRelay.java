package io.hazardwatch.alerts;

import io.hazardwatch.alerts.decision.IncidentPolicy;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.outbox.Outbox;
import io.hazardwatch.alerts.outbox.OutboxSender;
import io.hazardwatch.alerts.outbox.OutgoingNotification;
import io.hazardwatch.alerts.store.CommitTracker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the messages the committed decisions have due and records each outcome as a change of its incident (sent,
 * retry later, failed), committed like any other. A message is in flight from its send until its outcome is stored.
 * Runs on the engine's context.
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final Vertx vertx;
    private final IncidentBook book;
    private final IncidentPolicy policy;
    private final CommitTracker commits;
    private final OutboxSender sender;
    private final Clock clock;
    /** Deliveries handed to the sender whose outcome is not stored yet. */
    private final Set<String> inFlight = new HashSet<>();

    public OutboxRelay(Vertx vertx, IncidentBook book, IncidentPolicy policy, CommitTracker commits,
                       OutboxSender sender, Clock clock) {
        this.vertx = vertx;
        this.book = book;
        this.policy = policy;
        this.commits = commits;
        this.sender = sender;
        this.clock = clock;
    }

    /** Sends every committed message that is due and not in flight. */
    void sendDue() {
        for (OutgoingNotification outgoing : Outbox.due(commits.committed(), inFlight, clock.instant())) {
            outgoing.items().forEach(item -> inFlight.add(item.delivery().id()));
            sender.send(outgoing).onSuccess(outcome -> recordAttempt(outgoing, outcome));
        }
    }

    /** Whether a message of the incident is being sent (its outcome not stored yet). */
    boolean sending(Incident incident) {
        return incident.deliveries().stream().anyMatch(d -> inFlight.contains(d.id()));
    }

    private void recordAttempt(OutgoingNotification outgoing, Outbox.Outcome outcome) {
        Instant now = clock.instant();
        List<Incident> changed = new ArrayList<>();
        for (OutgoingNotification.Item item : outgoing.items()) {
            Incident latest = book.get(item.incident().id()).orElseThrow();
            Incident next = policy.afterAttempt(latest, item.delivery().id(), outcome, now);
            book.update(latest, next);
            changed.add(next);
        }
        String to = outgoing.recipient() + " via " + outgoing.channel();
        if (outcome.accepted()) {
            LOG.info("sent {} to {} ({} incident(s))", outgoing.notificationId(), to, outgoing.items().size());
        } else {
            LOG.warn("could not send {} to {}: {}", outgoing.notificationId(), to, outcome.error());
        }
        commits.submit(changed, Map.of(), List.of()).onComplete(stored -> {
            if (stored.succeeded()) {
                outgoing.items().forEach(item -> inFlight.remove(item.delivery().id()));
            } else {
                // the stored decision still says "due": sending it again would repeat it at every tick, for good. It
                // stays marked in flight, so it is sent again (once) only after a restart
                LOG.error("the outcome of {} to {} could not be stored ({}); not sending it again before a restart",
                        outgoing.notificationId(), to, stored.cause().getMessage());
            }
        });
    }

    /** Completes once no message is in flight, or at {@code deadline} (nano time): a stop never hangs. */
    Future<Void> idle(long deadline) {
        Promise<Void> idle = Promise.promise();
        waitIdle(idle, deadline);
        return idle.future();
    }

    private void waitIdle(Promise<Void> idle, long deadline) {
        if (inFlight.isEmpty() || System.nanoTime() > deadline) {
            if (!inFlight.isEmpty()) {
                LOG.warn("stopping with {} message(s) whose outcome is unknown; they will be sent again after restart",
                        inFlight.size());
            }
            idle.complete();
        } else {
            vertx.setTimer(50, id -> waitIdle(idle, deadline));
        }
    }
}
