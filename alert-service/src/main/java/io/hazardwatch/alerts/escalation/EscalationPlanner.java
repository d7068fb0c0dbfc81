package io.hazardwatch.alerts.escalation;

import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.DeliveryStatus;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent.Type;
import io.hazardwatch.alerts.policy.AlertingPolicy.Person;
import io.hazardwatch.alerts.policy.EscalationPolicy;
import io.hazardwatch.alerts.policy.EscalationPolicy.Step;
import io.hazardwatch.alerts.policy.GridRole;
import io.hazardwatch.alerts.policy.Rota;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which escalation steps and reminders are due for an incident, and queues their messages.
 *
 * <p>Everything is derived from the persisted incident (when it was opened, which steps already fired and
 * when), so after a restart the due steps are found again from the stored state: no timer needs to survive.
 * A step fires once its delay since opening has passed, the level is high enough and nobody has
 * acknowledged; DISPATCH only while the alarm is still active. Reminders go to the last person-step's rung
 * every {@code remindEvery}; after a long outage only the newest reminder is sent, not the missed ones.
 */
public final class EscalationPlanner {

    public static final String DISPATCH_CHANNEL = "dispatch";
    /** Key prefix ({@code fired}) and purpose prefix of the messages sent when a told incident's level rises. */
    public static final String LEVEL_RISE = "level-";

    private final EscalationPolicy policy;
    private final Rota rota;

    public EscalationPlanner(EscalationPolicy policy, Rota rota) {
        this.policy = policy;
        this.rota = rota;
    }

    /** The incident with every step and reminder due at {@code now} fired; the same instance if none is due. */
    public Incident fireDue(Incident incident, Instant now) {
        if (!incident.awaitsAcknowledgement() || incident.suppressedBy() != null) {
            return incident;
        }
        Incident next = incident;
        List<Step> steps = policy.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String key = stepKey(i);
            if (next.fired().containsKey(key) || now.isBefore(incident.openedAt().plus(step.after()))
                    || (step.minLevel() != null && step.minLevel().isAbove(next.alarm().level()))) {
                continue;
            }
            if (step.role() == GridRole.DISPATCH) {
                if (next.active()) {
                    next = next.fire(key, Type.ESCALATION_STEP, List.of(dispatch(next, "TRIGGER", now)),
                            "step " + i + ": emergency dispatch triggered", now);
                }
                continue;
            }
            List<DeliveryRecord> queued = messagesTo(next, key, step.role(), now);
            next = next.fire(key, Type.ESCALATION_STEP, queued, "step " + i + ": " + step.role() + " "
                    + (queued.isEmpty() ? "— nobody on call for " + next.alarm().gridCell() : names(queued)), now);
        }
        return remindIfDue(next, now);
    }

    /**
     * The escalation steps fired again for another reason than a missing acknowledgement (e.g. an enterprise's
     * overdue feedback): each person-step once, {@code after} its delay counted from {@code since}, with keys and
     * purposes {@code <purpose>/step-<i>}; dispatch steps are left out (the alarm itself already decides those).
     */
    public Incident fireAgain(Incident incident, String purpose, String why, Instant since, Instant now) {
        Incident next = incident;
        List<Step> steps = policy.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String key = purpose + "/" + stepKey(i);
            if (step.role() == GridRole.DISPATCH || next.fired().containsKey(key)
                    || now.isBefore(since.plus(step.after()))) {
                continue;
            }
            List<DeliveryRecord> queued = messagesTo(next, key, step.role(), now);
            next = next.fire(key, Type.ESCALATION_STEP, queued, why + ", step " + i + ": " + step.role() + " "
                    + (queued.isEmpty() ? "— nobody on call for " + next.alarm().gridCell() : names(queued)), now);
        }
        return next;
    }

    /** When the next step or reminder of this incident falls due, or null if none will. */
    public Instant nextDue(Incident incident) {
        if (!incident.awaitsAcknowledgement()) {
            return null;
        }
        for (int i = 0; i < policy.steps().size(); i++) {
            if (!incident.fired().containsKey(stepKey(i))) {
                return incident.openedAt().plus(policy.steps().get(i).after());
            }
        }
        return null;
    }

    /**
     * Dispatch follow-ups: once dispatch was triggered, a level rise or the alarm clearing sends an UPDATE and
     * the closing of the incident (with its disposal record) a RESOLVE, all with the incident id as dedup key.
     * A cleared gas reading does not call the responders back: only the duty room's closing does.
     */
    public Incident followUpDispatch(Incident before, Incident after, Instant now) {
        if (before == null || after.deliveries().stream().noneMatch(d -> d.purpose().equals("dispatch/TRIGGER"))) {
            return after;
        }
        boolean resolved = after.deliveries().stream().anyMatch(d -> d.purpose().equals("dispatch/RESOLVE"));
        if (resolved) {
            return after;
        }
        if (before.disposal() == null && after.disposal() != null) {
            return after.queue(List.of(dispatch(after, "RESOLVE", now)), "dispatch resolve queued (incident closed)", now);
        }
        if (before.active() && !after.active()) {
            return after.queue(List.of(dispatch(after, "UPDATE-" + after.version(), now)),
                    "dispatch update queued (alarm cleared)", now);
        }
        if (after.alarm().level().isAbove(before.alarm().level())) {
            return after.queue(List.of(dispatch(after, "UPDATE-" + after.version(), now)),
                    "dispatch update queued (level " + after.alarm().level() + ")", now);
        }
        return after;
    }

    /**
     * A level rise (a second-level alarm) of an incident people were already told about: the rung told last
     * (whoever covers it now) and the person who acknowledged it, if the policy lists a person with their
     * username as id, are told again, acknowledged or not, so that an acknowledged first-level warning does
     * not hide the second-level alarm. Not while notifications are held back (silence, inhibition), and once
     * per level.
     */
    public Incident notifyLevelRise(Incident before, Incident after, Instant now) {
        if (before == null || !after.active() || after.disposal() != null || after.suppressedBy() != null
                || !after.alarm().level().isAbove(before.alarm().level())) {
            return after;
        }
        String key = LEVEL_RISE + after.alarm().level();
        if (after.fired().containsKey(key)) {
            return after;
        }
        List<Person> people = new ArrayList<>();
        int last = lastPersonStep(after);
        if (last >= 0) {
            people.addAll(rota.onCall(policy.steps().get(last).role(), after.alarm().gridCell(), now));
        }
        if (after.acknowledged() != null) {
            rota.person(after.acknowledged().by()).filter(p -> !people.contains(p)).ifPresent(people::add);
        }
        if (people.isEmpty()) {
            return after; // nobody was told yet: the escalation steps tell them at the new level
        }
        List<DeliveryRecord> queued = new ArrayList<>();
        for (Person person : people) {
            queued.add(DeliveryRecord.queued(after.id() + "/" + key + "/" + person.id(), key, person.name(),
                    person.channel(), person.address(), now, now));
        }
        return after.fire(key, Type.ESCALATION_STEP, queued, "level raised to " + after.alarm().level()
                + ": told again " + names(queued), now);
    }

    private int lastPersonStep(Incident incident) {
        int last = -1;
        for (int i = 0; i < policy.steps().size(); i++) {
            if (policy.steps().get(i).role() != GridRole.DISPATCH && incident.fired().containsKey(stepKey(i))) {
                last = i;
            }
        }
        return last;
    }

    private Incident remindIfDue(Incident incident, Instant now) {
        Duration every = policy.remindEvery();
        if (every == null || policy.maxReminders() == 0) {
            return incident;
        }
        int last = lastPersonStep(incident);
        if (last < 0) {
            return incident;
        }
        Instant firedAt = incident.fired().get(stepKey(last));
        long k = Math.min(policy.maxReminders(), Duration.between(firedAt, now).toMillis() / every.toMillis());
        String key = stepKey(last) + "/reminder-" + k;
        if (k < 1 || incident.fired().containsKey(key) || laterReminderFired(incident.fired(), stepKey(last), k)) {
            return incident;
        }
        List<DeliveryRecord> queued = messagesTo(incident, key, policy.steps().get(last).role(), now);
        return incident.fire(key, Type.REMINDER, queued, "reminder " + k + " of step " + last + " to "
                + (queued.isEmpty() ? "nobody (no one on call)" : names(queued)), now);
    }

    private static boolean laterReminderFired(Map<String, Instant> fired, String step, long k) {
        return fired.keySet().stream().filter(f -> f.startsWith(step + "/reminder-"))
                .anyMatch(f -> Long.parseLong(f.substring(f.lastIndexOf('-') + 1)) >= k);
    }

    private List<DeliveryRecord> messagesTo(Incident incident, String key, GridRole role, Instant now) {
        List<DeliveryRecord> queued = new ArrayList<>();
        for (Person person : rota.onCall(role, incident.alarm().gridCell(), now)) {
            queued.add(DeliveryRecord.queued(incident.id() + "/" + key + "/" + person.id(), key, person.name(),
                    person.channel(), person.address(), now, now));
        }
        return queued;
    }

    private static DeliveryRecord dispatch(Incident incident, String action, Instant now) {
        return DeliveryRecord.queued(incident.id() + "/dispatch/" + action, "dispatch/" + action.replaceAll("-\\d+$", ""),
                "emergency dispatch", DISPATCH_CHANNEL, incident.id(), now, now);
    }

    private static String names(List<DeliveryRecord> queued) {
        return String.join(", ", queued.stream().map(d -> d.recipient() + " (" + d.channel() + ")").toList());
    }

    static String stepKey(int index) {
        return "step-" + index;
    }

    /** Whether any message of the incident still waits to be sent. */
    public static boolean hasPending(Incident incident) {
        return incident.deliveries().stream().anyMatch(d -> d.status() == DeliveryStatus.QUEUED
                || d.status() == DeliveryStatus.RETRYING);
    }
}
