package io.hazardwatch.alerts;

import io.hazardwatch.alerts.config.IncidentLimits;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Comment;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.store.CommitTracker;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.alerts.suppress.Silence;
import io.hazardwatch.alerts.suppress.Silences;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a duty officer does: acknowledge, comment on and close an incident, add and remove silences; and an
 * enterprise's answer to it (confirm, report, attach) and its verification. Each command
 * is settled by the engine's policy like any other change, and answered once committed — or, past
 * {@code alert.store.command-wait-ms}, as applied but not stored yet. Runs on the engine's context.
 */
public final class IncidentCommands {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentCommands.class);
    /** Longest name of the person responsible in a feedback report. */
    public static final int RESPONSIBLE_MAX_CHARS = 200;

    private final IncidentEngine engine;
    private final IncidentBook book;
    private final Silences silences;
    private final CommitTracker commits;
    private final IncidentLimits limits;
    private final Clock clock;

    public IncidentCommands(IncidentEngine engine, IncidentBook book, Silences silences, CommitTracker commits,
                            IncidentLimits limits, Clock clock) {
        this.engine = engine;
        this.book = book;
        this.silences = silences;
        this.commits = commits;
        this.limits = limits;
        this.clock = clock;
    }

    public Future<Incident> acknowledge(String id, String who) {
        return command(id, i -> i.acknowledge(who, clock.instant()));
    }

    public Future<Incident> comment(String id, String who, String text) {
        try {
            Comment.check(text, limits.commentMaxChars());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return command(id, i -> i.comment(who, text, clock.instant()));
    }

    public Future<Incident> close(String id, String who, String action, String notes) {
        return command(id, i -> i.close(who, action, notes, clock.instant()));
    }

    /**
     * A provider's receipt for a message of the incident (issue 21): SENT becomes DELIVERED or FAILED, committed and
     * audited like any delivery change.
     */
    public Future<Incident> deliveryReport(String id, String deliveryId, boolean delivered, String reason) {
        return command(id, i -> i.deliveries().stream().filter(d -> d.id().equals(deliveryId)).findFirst()
                .map(d -> i.withDelivery(d.reported(delivered, reason, clock.instant()), clock.instant()))
                .orElseThrow(() -> new NoSuchElementException("no delivery " + deliveryId + " in incident " + id)));
    }

    // ---- the enterprise's feedback ------------------------------------------------------------------------

    public Future<Incident> confirmFeedback(String id, String who) {
        return command(id, i -> i.confirmFeedback(who, clock.instant()));
    }

    /** Measures are bounded like a comment, the person responsible to {@value #RESPONSIBLE_MAX_CHARS} characters. */
    public Future<Incident> reportFeedback(String id, String who, Cause cause, String measures, String responsible) {
        try {
            Comment.check(measures, limits.commentMaxChars(), "measures");
            Comment.check(responsible, RESPONSIBLE_MAX_CHARS, "responsible");
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return command(id, i -> i.reportFeedback(who, cause, measures, responsible, clock.instant()));
    }

    /** Records a stored file's metadata; at most {@code max} per incident. */
    public Future<Incident> attach(String id, Feedback.Attachment attachment, int max) {
        return command(id, i -> i.attach(attachment, max));
    }

    public Future<Incident> verifyFeedback(String id, String who) {
        return command(id, i -> i.verifyFeedback(who, clock.instant()));
    }

    /** Records the emergency dispatch centre's answer (its verified callback) on the incident, audited as dispatch's. */
    public Future<Incident> recordDispatchReply(String id, io.hazardwatch.alerts.incident.DispatchReply reply) {
        return command(id, i -> i.withDispatchReply(reply, "dispatch"));
    }

    private Future<Incident> command(String id, UnaryOperator<Incident> action) {
        Incident before = book.get(id).orElse(null);
        if (before == null) {
            return Future.failedFuture(new NoSuchElementException("no incident " + id));
        }
        Incident after;
        try {
            after = engine.settle(before, action.apply(before));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        IncidentEvent last = after.history().get(after.history().size() - 1);
        LOG.info("incident {} {} by {}", id, last.type(), last.actor());
        return commitWithinWait(List.of(after), List.of()).map(v -> after);
    }

    public Future<Silence> addSilence(Silence silence) {
        silences.put(silence);
        LOG.info("silence {} for {} until {} by {}: {}", silence.id(), silence.enterprise(), silence.until(),
                silence.createdBy(), silence.reason());
        return commitWithinWait(List.of(), List.of(silence)).map(v -> silence).onSuccess(v -> engine.tick());
    }

    public Future<Silence> removeSilence(String id, String who) {
        Silence silence = silences.current(id).orElse(null);
        if (silence == null) {
            return Future.failedFuture(new NoSuchElementException("no silence " + id));
        }
        Silence removed = silence.removedBy(who, clock.instant());
        silences.put(removed);
        LOG.info("silence {} removed by {}", id, who);
        return commitWithinWait(List.of(), List.of(removed)).map(v -> removed).onSuccess(v -> engine.tick());
    }

    /** Every silence kept (current, ended or removed). */
    public Collection<Silence> silences() {
        return silences.all();
    }

    /** A person waits for their change to be committed, at most {@code alert.store.command-wait-ms}. */
    private Future<Void> commitWithinWait(List<Incident> changed, List<Silence> changedSilences) {
        List<Kept> kept = changedSilences.stream().map(s -> new Kept(Silence.KIND, s.id(), s)).toList();
        return commits.within(commits.submit(changed, Map.of(), kept), limits.commandWait());
    }
}
