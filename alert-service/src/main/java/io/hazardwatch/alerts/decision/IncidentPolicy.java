package io.hazardwatch.alerts.decision;

import io.hazardwatch.alerts.escalation.EscalationPlanner;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.outbox.Outbox;
import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.alerts.suppress.Silence;
import io.hazardwatch.alerts.suppress.Suppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an incident becomes after any change (an alarm transition, a person's command, time passing): dispatch
 * follow-ups, suppression, a second-level alarm told again, the enterprise's feedback ({@link FeedbackDecisions}),
 * due escalation steps — held back in an alarm storm — and the outcome of a send attempt. Pure: it reads the {@link IncidentBook} and the silences and returns the next
 * version; the engine stores it. No I/O and no framework types, so every rule is tested directly.
 *
 * <p>Its own package, not {@code incident}: it combines escalation, suppression and the outbox, which all depend on
 * {@code incident} (placing it there would make the packages depend on each other in a circle).
 */
public final class IncidentPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentPolicy.class);

    /** The rules in use, swapped whole when the policy file is reloaded (a decision sees the old or the new). */
    private record Rules(AlertingPolicy policy, EscalationPlanner planner, FeedbackDecisions feedback,
                         io.hazardwatch.alerts.escalation.VoiceCalls voice) {

        Rules(AlertingPolicy policy, EscalationPlanner planner) {
            this(policy, planner, new FeedbackDecisions(policy, planner), new io.hazardwatch.alerts.escalation.VoiceCalls(
                    policy.voice(), policy.escalation(), new io.hazardwatch.alerts.policy.Rota(policy), policy.timezone()));
        }
    }

    private volatile Rules rules;

    public IncidentPolicy(AlertingPolicy policy, EscalationPlanner planner) {
        this.rules = new Rules(policy, planner);
    }

    /**
     * From now on decides by {@code policy} (a reloaded policy file): escalation, rotas, retries, storm window,
     * enterprises' answer deadlines and contacts. Steps already fired stay fired.
     */
    public void use(AlertingPolicy policy) {
        EscalationPlanner planner = new EscalationPlanner(policy.escalation(),
                new io.hazardwatch.alerts.policy.Rota(policy));
        this.rules = new Rules(policy, planner);
    }

    /**
     * The next version of an incident that changed from {@code before} to {@code after} (the same for a tick):
     * dispatch follow-ups, suppression, due escalation steps (storm-held). {@code book} still holds {@code before}.
     */
    public Incident settle(Incident before, Incident after, IncidentBook book, Collection<Silence> silences,
                           Instant now) {
        Rules r = rules;
        EscalationPlanner planner = r.planner();
        Incident next = planner.followUpDispatch(before, after, now);
        if (next.disposal() == null) {
            // only the device's own active alarms can inhibit it (an index, not a scan of every incident per tick)
            next = next.withSuppression(Suppression.reasonFor(next,
                    book.activeOnDevice(next.alarm().enterprise(), next.alarm().device()), silences, now)
                    .orElse(null), now);
        }
        // a second-level alarm is told again even after the first level was acknowledged (never storm-held)
        Incident toldAgain = planner.notifyLevelRise(before, next, now);
        if (toldAgain != next) {
            LOG.info("incident {}: {}", toldAgain.id(), lastEventDetail(toldAgain));
            next = toldAgain;
        }
        Incident asked = r.feedback().settle(before, next, now);
        Incident fired = planner.fireDue(asked, now);
        if (fired != next) {
            fired = holdForStorm(next, fired, book.ofEnterprise(fired.alarm().enterprise()), now);
            LOG.info("incident {}: {}", fired.id(), lastEventDetail(fired));
        }
        // night calls are never storm-held: a call that waits for a quiet minute is no alarm clock
        Incident called = r.voice().settle(fired, now);
        if (called != fired) {
            LOG.info("incident {}: {}", called.id(), lastEventDetail(called));
        }
        return called;
    }

    /**
     * The messages {@code fired} queued beyond {@code before}, held back while its enterprise is in an alarm storm
     * ({@code ofEnterprise}: that enterprise's incidents, the only ones a storm is counted over).
     */
    private Incident holdForStorm(Incident before, Incident fired, Collection<Incident> ofEnterprise, Instant now) {
        Set<String> known = new HashSet<>();
        before.deliveries().forEach(d -> known.add(d.id()));
        List<DeliveryRecord> fresh = fired.deliveries().stream().filter(d -> !known.contains(d.id())).toList();
        Incident held = fired;
        for (DeliveryRecord delivery : Outbox.holdForStorm(fresh, fired.alarm().enterprise(), ofEnterprise,
                rules.policy().stormWindow(), now)) {
            held = held.withDelivery(delivery, now);
        }
        return held;
    }

    /** The incident once the outcome of sending one of its messages is known (sent, retry later, or failed). */
    public Incident afterAttempt(Incident latest, String deliveryId, Outbox.Outcome outcome, Instant now) {
        DeliveryRecord current = latest.deliveries().stream().filter(d -> d.id().equals(deliveryId))
                .findFirst().orElseThrow();
        return latest.withDelivery(Outbox.afterAttempt(current, outcome, rules.policy().retry(), now), now);
    }

    /**
     * The incidents past their retention: closed before {@code cutoff}, nothing left to escalate or send, and
     * {@code settled} (fully stored, no message in flight) — a dispatch RESOLVE still retrying keeps its incident.
     */
    public static List<String> expired(Collection<Incident> all, Instant cutoff, Predicate<Incident> settled) {
        List<String> expired = new ArrayList<>();
        for (Incident incident : all) {
            if (incident.disposal() != null && incident.disposal().at().isBefore(cutoff) && settled.test(incident)
                    && !EscalationPlanner.hasPending(incident)) {
                expired.add(incident.id());
            }
        }
        return expired;
    }

    private static String lastEventDetail(Incident incident) {
        IncidentEvent last = incident.history().get(incident.history().size() - 1);
        return last.type() + " " + (last.detail() == null ? "" : last.detail());
    }
}
