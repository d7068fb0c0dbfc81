package io.hazardwatch.alerts.acklink;

import io.hazardwatch.alerts.incident.Incident;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and checks the signed, expiring acknowledge links ({@code <board>/ack/<token>}, see {@link AckToken}): one per
 * incident and person, opening that incident for that person only. A link is used once; the used ones are remembered
 * until they expire (after a restart the incident's own acknowledgement refuses a second use). Runs on the service's
 * context.
 */
public final class AckLinks {

    /** Why a token does not open its incident. */
    public enum Refusal {
        /** Not a token, not signed with our secret, or its incident is gone: 403. */
        INVALID(403),
        /** Past its expiry: 410. */
        EXPIRED(410),
        /** Already used, or its incident is acknowledged or closed: 410. */
        USED(410);

        public final int status;

        Refusal(int status) {
            this.status = status;
        }
    }

    /** What a token opens: the incident and the person, or why not. */
    public record Verdict(Incident incident, String person, Instant expiresAt, Refusal refusal) {
        public boolean valid() {
            return refusal == null;
        }
    }

    private final AckLinkConfig config;
    private final String publicUrl;
    private final Clock clock;
    /** Tokens used, until their expiry. */
    private final Map<String, Instant> used = new HashMap<>();

    /** @param publicUrl the board as people reach it, ending in {@code /} */
    public AckLinks(AckLinkConfig config, String publicUrl, Clock clock) {
        this.config = config;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
        this.clock = clock;
    }

    /** The service's links; a secret made up at start is said in the log (its links die with a restart). */
    public static AckLinks start(AckLinkConfig config, String publicUrl, Clock clock) {
        if (config.random()) {
            org.slf4j.LoggerFactory.getLogger(AckLinks.class).warn("{} not set: acknowledge links are signed with a random"
                    + " secret and stop working when the service restarts (the board's public address {} is loopback)",
                    AckLinkConfig.SECRET, publicUrl);
        }
        return new AckLinks(config, publicUrl, clock);
    }

    /** A fresh token for {@code person} to acknowledge {@code incidentId}, valid for the configured time. */
    public String token(String incidentId, String person) {
        return AckToken.sign(config.key(), incidentId, person, clock.instant().plus(config.validFor()));
    }

    public String url(String token) {
        return publicUrl + "ack/" + token;
    }

    /** What {@code token} opens among {@code incidents} for one of {@code people} (person ids), now. */
    public Verdict check(String token, Collection<Incident> incidents, Collection<String> people) {
        Optional<AckToken> parsed = AckToken.parse(token);
        if (parsed.isEmpty()) {
            return refused(Refusal.INVALID, null);
        }
        AckToken t = parsed.get();
        List<String> persons = people.stream().filter(t::locatesPerson).toList();
        for (Incident incident : incidents) {
            if (!t.locatesIncident(incident.id())) {
                continue;
            }
            for (String person : persons) {
                if (t.signedFor(config.key(), incident.id(), person)) {
                    return verdict(token, t, incident, person);
                }
            }
        }
        return refused(Refusal.INVALID, null);
    }

    /** Marks a token used (after its acknowledgement was accepted). */
    public void used(String token, Instant expiresAt) {
        Instant now = clock.instant();
        used.values().removeIf(expiry -> expiry.isBefore(now));
        used.put(token, expiresAt);
    }

    private Verdict verdict(String token, AckToken t, Incident incident, String person) {
        if (!clock.instant().isBefore(t.expiresAt())) {
            return new Verdict(incident, person, t.expiresAt(), Refusal.EXPIRED);
        }
        if (used.containsKey(token) || incident.acknowledged() != null || incident.disposal() != null) {
            return new Verdict(incident, person, t.expiresAt(), Refusal.USED);
        }
        return new Verdict(incident, person, t.expiresAt(), null);
    }

    private static Verdict refused(Refusal refusal, Incident incident) {
        return new Verdict(incident, null, null, refusal);
    }
}
