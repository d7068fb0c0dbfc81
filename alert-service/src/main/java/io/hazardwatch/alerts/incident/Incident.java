package io.hazardwatch.alerts.incident;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.incident.IncidentEvent.Type;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One alarm episode (alarmKey + episodeStart) as the duty room handles it: the alarm facts, its lifecycle
 * (raised → acknowledged → cleared → closed with a disposal record), comments, the escalation steps fired,
 * the outbox of messages and its audit history. Immutable: every change returns a new incident whose
 * {@code version} is one higher and whose history ends with the event that describes the change.
 *
 * @param alarm      the alarm facts; level only ever rises while active
 * @param openedAt   wall-clock time the service opened the incident: escalation delays count from here
 * @param applied    the detection job's transitions applied so far ("RAISED:FIRST", ...), for dedup
 * @param fired      escalation steps and reminders already decided ("step-0", "step-0/reminder-1") and when
 * @param suppressedBy why notifications are held back right now (a silence or an inhibition), or null
 * @param feedback   the enterprise's answer (confirmation, cause and measures, attachments); never null
 * @param dispatch   the emergency dispatch centre's latest answer (acknowledged, unit assigned), or null
 */
public record Incident(String id, ActiveAlarm alarm, Instant openedAt, boolean active, Instant clearedAt,
                       Stamp acknowledged, Disposal disposal, List<Comment> comments, Set<String> applied,
                       Map<String, Instant> fired, List<DeliveryRecord> deliveries, String suppressedBy,
                       List<IncidentEvent> history, long version, Feedback feedback, DispatchReply dispatch) {

    /**
     * The newest audit events an incident keeps; every event is also in the event log (the audit). Together with
     * {@link #COMMENTS_KEPT} this bounds the incident's state record, however long it stays open.
     */
    public static final int HISTORY_KEPT = 100;
    /** The newest comments an incident keeps; every comment, in full, is in the event log's COMMENTED events. */
    public static final int COMMENTS_KEPT = 20;

    public Incident {
        comments = List.copyOf(comments);
        applied = new TreeSet<>(applied);
        fired = new LinkedHashMap<>(fired);
        deliveries = List.copyOf(deliveries);
        history = List.copyOf(history);
        feedback = feedback == null ? Feedback.NONE : feedback;
    }

    /** The incident id of an episode: URL-safe, readable, stable across restarts and redelivery. */
    public static String idOf(String alarmKey, Instant episodeStart) {
        return alarmKey.replace('/', '~').replaceAll("[^A-Za-z0-9._~-]", "_") + "~" + episodeStart.toEpochMilli();
    }

    /** Opens the incident of an episode the service has not seen yet (by a RAISED, or an ESCALATED whose RAISED was lost). */
    public static Incident open(AlarmEvent event, String gridCell, Instant now) {
        Incident blank = new Incident(idOf(event.alarmKey(), event.episodeStart()), ActiveAlarm.openedBy(event, gridCell),
                now, true, null, null, null, List.of(), Set.of(stepOf(event)), Map.of(), List.of(), null, List.of(), 0, Feedback.NONE, null);
        return blank.record(Type.RAISED, IncidentEvent.SYSTEM, now,
                event.level() + " " + event.alarmType() + " " + event.value() + " " + unitOf(event));
    }

    public IncidentStatus status() {
        if (disposal != null) {
            return IncidentStatus.CLOSED;
        }
        if (active) {
            return acknowledged == null ? IncidentStatus.RAISED : IncidentStatus.ACKNOWLEDGED;
        }
        return acknowledged == null ? IncidentStatus.CLEARED_UNACKNOWLEDGED : IncidentStatus.CLEARED;
    }

    /** Whether escalation and reminders should run: nobody has acknowledged it and it is not closed. */
    public boolean awaitsAcknowledgement() {
        return acknowledged == null && disposal == null;
    }

    /**
     * Applies a later transition of this episode; returns this same instance when it changes nothing (a
     * redelivered transition, a level no higher than the current one, a CLEARED of an already cleared alarm).
     */
    public Incident onTransition(AlarmEvent event, Instant now) {
        String step = stepOf(event);
        if (applied.contains(step)) {
            return this;
        }
        B b = new B(this);
        b.applied.add(step);
        Incident marked = b.build();
        if (event.transition() == AlarmTransition.CLEARED) {
            return active ? marked.cleared(now, "alarm cleared at " + event.value() + " " + unitOf(event)) : marked;
        }
        if (!active || !event.level().isAbove(alarm.level())) {
            return marked;
        }
        B up = new B(marked);
        up.alarm = alarm.escalatedBy(event);
        return up.build().record(Type.LEVEL_RAISED, IncidentEvent.SYSTEM, now,
                alarm.level() + " -> " + event.level() + " at " + event.value() + " " + unitOf(event));
    }

    /** Marks the alarm cleared without a CLEARED transition (a newer episode of the key started). */
    public Incident clearedBySystem(String why, Instant now) {
        return active ? cleared(now, why) : this;
    }

    public Incident acknowledge(String who, Instant now) {
        if (disposal != null) {
            throw new LifecycleException("incident " + id + " is closed");
        }
        if (acknowledged != null) {
            throw new LifecycleException("incident " + id + " was already acknowledged by " + acknowledged.by()
                    + " at " + acknowledged.at());
        }
        B b = new B(this);
        b.acknowledged = new Stamp(who, now);
        return b.build().record(Type.ACKNOWLEDGED, who, now, null);
    }

    public Incident comment(String who, String text, Instant now) {
        requireText(text, "comment text");
        B b = new B(this);
        b.comments.add(new Comment(who, now, text));
        while (b.comments.size() > COMMENTS_KEPT) {
            b.comments.remove(0);
        }
        return b.build().record(Type.COMMENTED, who, now, text);
    }

    /** Closes a cleared incident with its disposal record; closing an unacknowledged one acknowledges it too. */
    public Incident close(String who, String action, String notes, Instant now) {
        requireText(action, "disposal action");
        if (disposal != null) {
            throw new LifecycleException("incident " + id + " is already closed by " + disposal.by());
        }
        if (active) {
            throw new LifecycleException("incident " + id + " cannot be closed while its alarm is active");
        }
        Incident acked = acknowledged == null ? acknowledge(who, now) : this;
        // the duty room is never blocked by a missing answer; an answer it closes on counts as verified by it
        if (acked.feedback.report() != null && acked.feedback.verified() == null) {
            acked = acked.verifyFeedback(who, now);
        }
        B b = new B(acked);
        b.disposal = new Disposal(who, now, action, notes);
        return b.build().record(Type.CLOSED, who, now, action);
    }

    // ---- the enterprise's feedback (see Feedback) --------------------------------------------------------

    /** Sets when the enterprise's answer is due (on opening, and sooner on a level rise); no audit event of its own. */
    public Incident withFeedbackDeadlines(Instant confirmBy, Instant reportBy) {
        if (java.util.Objects.equals(confirmBy, feedback.confirmBy())
                && java.util.Objects.equals(reportBy, feedback.reportBy())) {
            return this;
        }
        Feedback f = feedback;
        return withFeedback(new Feedback(f.confirmed(), f.report(), f.attachments(), f.verified(), f.late(), confirmBy,
                reportBy));
    }

    /** The enterprise confirms it has seen the alarm; late if after its deadline. */
    public Incident confirmFeedback(String who, Instant now) {
        requireAnswerable();
        if (feedback.answered(Feedback.CONFIRM)) {
            throw new LifecycleException("incident " + id + " was already confirmed"
                    + (feedback.confirmed() == null ? "" : " by " + feedback.confirmed().by()));
        }
        Feedback f = feedback;
        Stamp stamp = new Stamp(who, now);
        return withFeedback(new Feedback(stamp, f.report(), f.attachments(), f.verified(), lateAt(now), f.confirmBy(),
                f.reportBy())).record(Type.FEEDBACK_CONFIRMED, who, now, null);
    }

    /**
     * The enterprise reports the cause, its measures and the person responsible (a report confirms too); it may
     * correct the report until the duty room has verified it. Texts are checked by the caller (their bounds).
     */
    public Incident reportFeedback(String who, Cause cause, String measures, String responsible, Instant now) {
        requireAnswerable();
        if (cause == null) {
            throw new IllegalArgumentException("cause is required");
        }
        requireText(measures, "measures");
        requireText(responsible, "responsible");
        if (feedback.verified() != null) {
            throw new LifecycleException("the report of incident " + id + " was already verified by "
                    + feedback.verified().by());
        }
        Feedback f = feedback;
        boolean correction = f.report() != null;
        Stamp confirmed = f.confirmed() != null ? f.confirmed() : new Stamp(who, now);
        Feedback next = new Feedback(confirmed, new Feedback.Report(cause, measures, responsible, who, now),
                f.attachments(), null, lateAt(now), f.confirmBy(), f.reportBy());
        return withFeedback(next).record(Type.FEEDBACK_REPORTED, who, now, (correction ? "corrected: " : "") + cause
                + ": " + measures + " (responsible: " + responsible + ")");
    }

    /** Adds a file's metadata (its bytes are already stored); at most {@code max} per incident, not after verifying. */
    public Incident attach(Feedback.Attachment attachment, int max) {
        requireAnswerable();
        if (feedback.verified() != null) {
            throw new LifecycleException("the report of incident " + id + " was already verified");
        }
        if (feedback.attachments().size() >= max) {
            throw new LifecycleException("incident " + id + " has " + max + " attachments already, the most allowed");
        }
        Feedback f = feedback;
        List<Feedback.Attachment> all = new ArrayList<>(f.attachments());
        all.add(attachment);
        return withFeedback(new Feedback(f.confirmed(), f.report(), all, f.verified(), f.late(), f.confirmBy(),
                f.reportBy())).record(Type.ATTACHMENT_ADDED, attachment.by(), attachment.at(), attachment.name()
                + " (" + attachment.contentType() + ", " + attachment.bytes() + " bytes)");
    }

    /** The duty room (or grid staff) checked the enterprise's report. */
    public Incident verifyFeedback(String who, Instant now) {
        if (feedback.report() == null) {
            throw new LifecycleException("incident " + id + " has no report to verify");
        }
        if (feedback.verified() != null) {
            throw new LifecycleException("the report of incident " + id + " was already verified by "
                    + feedback.verified().by());
        }
        Feedback f = feedback;
        return withFeedback(new Feedback(f.confirmed(), f.report(), f.attachments(), new Stamp(who, now), f.late(),
                f.confirmBy(), f.reportBy())).record(Type.FEEDBACK_VERIFIED, who, now, null);
    }

    /** Marks {@code part} ({@link Feedback#CONFIRM}, {@link Feedback#REPORT}) late: its deadline passed unanswered. */
    public Incident markLate(String part, Instant now) {
        if (feedback.late().contains(part)) {
            return this;
        }
        Feedback f = feedback;
        List<String> late = new ArrayList<>(f.late());
        late.add(part);
        return withFeedback(new Feedback(f.confirmed(), f.report(), f.attachments(), f.verified(), late, f.confirmBy(),
                f.reportBy())).record(Type.FEEDBACK_OVERDUE, IncidentEvent.SYSTEM, now, part + " was due at "
                + f.deadlineOf(part));
    }

    private void requireAnswerable() {
        if (disposal != null) {
            throw new LifecycleException("incident " + id + " is closed");
        }
        if (!feedback.needed()) {
            throw new LifecycleException("incident " + id + " needs no feedback");
        }
    }

    /** The late parts once answered at {@code now}: a part answered after its deadline is late too. */
    private List<String> lateAt(Instant now) {
        List<String> late = new ArrayList<>(feedback.late());
        for (String part : List.of(Feedback.CONFIRM, Feedback.REPORT)) {
            Instant due = feedback.deadlineOf(part);
            if (due != null && now.isAfter(due) && !late.contains(part) && !feedback.answered(part)) {
                late.add(part);
            }
        }
        return late;
    }

    private Incident withFeedback(Feedback next) {
        B b = new B(this);
        b.feedback = next;
        return b.build();
    }

    /** Records an escalation step or reminder as decided, with the messages it queues. */
    public Incident fire(String key, Type type, List<DeliveryRecord> queued, String detail, Instant now) {
        B b = new B(this);
        b.fired.put(key, now);
        b.deliveries.addAll(queued);
        return b.build().record(type, IncidentEvent.SYSTEM, now, detail);
    }

    /** Adds messages outside the escalation plan (e.g. dispatch update/resolve). */
    public Incident queue(List<DeliveryRecord> queued, String detail, Instant now) {
        B b = new B(this);
        b.deliveries.addAll(queued);
        return b.build().record(Type.DELIVERY, IncidentEvent.SYSTEM, now, detail);
    }

    /** Replaces the outbox entry with the same id; audited when its status changes. */
    public Incident withDelivery(DeliveryRecord updated, Instant now) {
        B b = new B(this);
        DeliveryRecord before = null;
        for (int i = 0; i < b.deliveries.size(); i++) {
            if (b.deliveries.get(i).id().equals(updated.id())) {
                before = b.deliveries.set(i, updated);
            }
        }
        if (before == null) {
            throw new IllegalArgumentException("no delivery " + updated.id() + " in incident " + id);
        }
        Incident next = b.build();
        if (before.status() == updated.status() && before.attempts() == updated.attempts()) {
            return next;
        }
        String detail = updated.id() + " " + updated.status()
                + (updated.lastError() != null ? ": " + updated.lastError() : "");
        return next.record(Type.DELIVERY, IncidentEvent.SYSTEM, now, detail);
    }

    /** Records the dispatch centre's answer (its signed callback), audited as said by {@code who}. */
    public Incident withDispatchReply(DispatchReply reply, String who) {
        B b = new B(this);
        b.dispatch = reply.after(dispatch);
        return b.build().record(Type.DISPATCH_REPLY, who, reply.receivedAt(), b.dispatch.describe());
    }

    public Incident withSuppression(String reason, Instant now) {
        if (java.util.Objects.equals(reason, suppressedBy)) {
            return this;
        }
        B b = new B(this);
        b.suppressedBy = reason;
        return b.build().record(reason != null ? Type.SUPPRESSED : Type.UNSUPPRESSED, IncidentEvent.SYSTEM, now,
                reason != null ? reason : suppressedBy + " ended");
    }

    /** The events added since {@code before} (the audit records of this change). */
    public List<IncidentEvent> eventsSince(Incident before) {
        long from = before == null ? 0 : before.version;
        return history.stream().filter(e -> e.seq() > from).toList();
    }

    private Incident cleared(Instant now, String detail) {
        B b = new B(this);
        b.active = false;
        b.clearedAt = now;
        return b.build().record(Type.CLEARED, IncidentEvent.SYSTEM, now, detail);
    }

    private Incident record(Type type, String actor, Instant at, String detail) {
        B b = new B(this);
        b.version = version + 1;
        b.history.add(new IncidentEvent(id, b.version, type, actor, at, detail));
        // the oldest go: they are in the event log, and only events newer than the stored version are ever read here
        while (b.history.size() > HISTORY_KEPT) {
            b.history.remove(0);
        }
        return b.build();
    }

    private static String stepOf(AlarmEvent event) {
        return event.transition() + ":" + event.level();
    }

    private static String unitOf(AlarmEvent event) {
        return event.unit() == null ? "" : event.unit();
    }

    private static void requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    /** Mutable copy used only inside this class to build the next version. */
    private static final class B {
        final String id;
        ActiveAlarm alarm;
        final Instant openedAt;
        boolean active;
        Instant clearedAt;
        Stamp acknowledged;
        Disposal disposal;
        final List<Comment> comments;
        final Set<String> applied;
        final Map<String, Instant> fired;
        final List<DeliveryRecord> deliveries;
        String suppressedBy;
        final List<IncidentEvent> history;
        long version;
        Feedback feedback;
        DispatchReply dispatch;

        B(Incident i) {
            id = i.id;
            alarm = i.alarm;
            openedAt = i.openedAt;
            active = i.active;
            clearedAt = i.clearedAt;
            acknowledged = i.acknowledged;
            disposal = i.disposal;
            comments = new ArrayList<>(i.comments);
            applied = new TreeSet<>(i.applied);
            fired = new LinkedHashMap<>(i.fired);
            deliveries = new ArrayList<>(i.deliveries);
            suppressedBy = i.suppressedBy;
            history = new ArrayList<>(i.history);
            version = i.version;
            feedback = i.feedback;
            dispatch = i.dispatch;
        }

        Incident build() {
            return new Incident(id, alarm, openedAt, active, clearedAt, acknowledged, disposal, comments, applied, fired,
                    deliveries, suppressedBy, history, version, feedback, dispatch);
        }
    }
}
