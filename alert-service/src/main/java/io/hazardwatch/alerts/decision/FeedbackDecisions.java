package io.hazardwatch.alerts.decision;

import io.hazardwatch.alerts.escalation.EscalationPlanner;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent.Type;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.policy.AlertingPolicy.Person;
import io.hazardwatch.alerts.policy.FeedbackPolicy;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.watchdog.SystemAlarms;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the enterprise's feedback asks of an incident after any change: its deadlines (by level, sooner on a level
 * rise), one message to each of the enterprise's contacts asking for the answer, a part marked late once its
 * deadline passes unanswered, and the escalation steps fired again while an answer is overdue. Pure, like
 * {@link IncidentPolicy} which calls it.
 */
public final class FeedbackDecisions {

    private static final String REQUEST = Feedback.REQUEST_PURPOSE;
    private static final String OVERDUE = Feedback.OVERDUE_PURPOSE;

    private final AlertingPolicy policy;
    private final EscalationPlanner planner;

    public FeedbackDecisions(AlertingPolicy policy, EscalationPlanner planner) {
        this.policy = policy;
        this.planner = planner;
    }

    /**
     * The incident with its feedback deadlines, request, late marks and overdue escalation as due at {@code now}.
     * Deadlines are set when it opens ({@code before} null) and made sooner when its level rises; an incident stored
     * before feedback existed is not asked for one afterwards.
     */
    public Incident settle(Incident before, Incident incident, Instant now) {
        if (incident.disposal() != null) {
            return incident;
        }
        boolean opened = before == null;
        boolean rose = before != null && before.feedback().needed()
                && incident.alarm().level().isAbove(before.alarm().level());
        Incident next = opened || rose ? withDeadlines(incident) : incident;
        if (!next.feedback().needed()) {
            return next;
        }
        next = request(next, now);
        for (String part : next.feedback().overdueAt(now)) {
            next = next.markLate(part, now);
        }
        Instant since = next.feedback().overdueSince();
        if (since != null && next.suppressedBy() == null) {
            next = planner.fireAgain(next, OVERDUE, "feedback overdue since " + since, since, now);
        }
        return next;
    }

    /**
     * Deadlines from opening by the level (only ever sooner); none for the platform's own system incidents and for
     * casework incidents (an overdue case is answered by doing the case, not by an alarm feedback).
     */
    Incident withDeadlines(Incident incident) {
        if (SystemAlarms.isSystem(incident.alarm()) || CaseAlarms.isCasework(incident.alarm())) {
            return incident;
        }
        FeedbackPolicy.Deadlines due = policy.feedback().at(incident.alarm().level());
        if (due == null) {
            return incident;
        }
        Feedback f = incident.feedback();
        return incident.withFeedbackDeadlines(earlier(f.confirmBy(), incident.openedAt().plus(due.confirm())),
                earlier(f.reportBy(), incident.openedAt().plus(due.report())));
    }

    /** One message per contact of the enterprise, once per incident. */
    private Incident request(Incident incident, Instant now) {
        if (incident.fired().containsKey(REQUEST)) {
            return incident;
        }
        List<Person> contacts = policy.enterpriseContacts().getOrDefault(incident.alarm().enterprise(), List.of());
        if (contacts.isEmpty()) {
            return incident;
        }
        List<DeliveryRecord> queued = new ArrayList<>();
        for (Person person : contacts) {
            queued.add(DeliveryRecord.queued(incident.id() + "/" + REQUEST + "/" + person.id(), REQUEST, person.name(),
                    person.channel(), person.address(), now, now));
        }
        return incident.fire(REQUEST, Type.DELIVERY, queued, "feedback requested from "
                + String.join(", ", contacts.stream().map(p -> p.name() + " (" + p.channel() + ")").toList()), now);
    }

    private static Instant earlier(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
