package io.hazardwatch.alerts.escalation;

import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent.Type;
import io.hazardwatch.alerts.policy.AlertingPolicy.Person;
import io.hazardwatch.alerts.policy.EscalationPolicy;
import io.hazardwatch.alerts.policy.GridRole;
import io.hazardwatch.alerts.policy.Rota;
import io.hazardwatch.alerts.policy.VoicePolicy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Night calls: while an incident at {@link VoicePolicy#minLevel()} or above waits for acknowledgement in the calling
 * hours, the people of the escalation step reached last who have a phone are called (channel {@value #CHANNEL}),
 * and called again every {@code retryEvery}, at most {@code maxCalls} times. Call {@code k} is recorded as fired key
 * {@code voice-<k>} and one delivery per person, so after a restart the count and the time of the last call are read
 * back from the stored incident. Acknowledging (or closing) stops the calls: a call not placed yet is dropped.
 */
public final class VoiceCalls {

    public static final String CHANNEL = "voice";
    /** Fired key and purpose prefix of the calls: {@code voice-1}, {@code voice-2}, ... */
    public static final String KEY = "voice-";
    static final String DROPPED = "not called: acknowledged before the call was placed";

    private final VoicePolicy voice;
    private final EscalationPolicy escalation;
    private final Rota rota;
    private final ZoneId zone;

    public VoiceCalls(VoicePolicy voice, EscalationPolicy escalation, Rota rota, ZoneId zone) {
        this.voice = voice;
        this.escalation = escalation;
        this.rota = rota;
        this.zone = zone;
    }

    /** The incident with the call due at {@code now} queued, or its unplaced calls dropped once acknowledged. */
    public Incident settle(Incident incident, Instant now) {
        if (!incident.awaitsAcknowledgement()) {
            return dropUnplaced(incident, now);
        }
        int made = callsMade(incident);
        if (made >= voice.maxCalls() || incident.suppressedBy() != null
                || voice.minLevel().isAbove(incident.alarm().level()) || !voice.covers(now, zone)
                || (made > 0 && now.isBefore(incident.fired().get(KEY + made).plus(voice.retryEvery())))) {
            return incident;
        }
        GridRole role = lastPersonStep(incident);
        if (role == null) {
            return incident; // nobody was told yet: the first escalation step comes first
        }
        String key = KEY + (made + 1);
        List<DeliveryRecord> calls = new ArrayList<>();
        for (Person person : rota.onCall(role, incident.alarm().gridCell(), now)) {
            if (person.phone() != null) {
                calls.add(DeliveryRecord.queued(incident.id() + "/" + key + "/" + person.id(), key, person.name(),
                        CHANNEL, person.phone(), now, now));
            }
        }
        if (calls.isEmpty()) {
            return incident;
        }
        return incident.fire(key, made == 0 ? Type.ESCALATION_STEP : Type.REMINDER, calls, "voice call " + (made + 1)
                + " of " + voice.maxCalls() + " to " + String.join(", ", calls.stream().map(DeliveryRecord::recipient)
                .toList()), now);
    }

    /** How many rounds of calls were queued for the incident. */
    static int callsMade(Incident incident) {
        int made = 0;
        while (incident.fired().containsKey(KEY + (made + 1))) {
            made++;
        }
        return made;
    }

    private GridRole lastPersonStep(Incident incident) {
        GridRole last = null;
        for (int i = 0; i < escalation.steps().size(); i++) {
            GridRole role = escalation.steps().get(i).role();
            if (role != GridRole.DISPATCH && incident.fired().containsKey(EscalationPlanner.stepKey(i))) {
                last = role;
            }
        }
        return last;
    }

    private static Incident dropUnplaced(Incident incident, Instant now) {
        Incident next = incident;
        for (DeliveryRecord d : incident.deliveries()) {
            if (d.channel().equals(CHANNEL) && d.status().isPending()) {
                next = next.withDelivery(d.failed(DROPPED, now), now);
            }
        }
        return next;
    }
}
