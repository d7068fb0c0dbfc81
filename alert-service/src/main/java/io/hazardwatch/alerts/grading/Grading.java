package io.hazardwatch.alerts.grading;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.store.IncidentStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The grading of every enterprise of the registry: its profile, its record (the {@link Tallies}), the casework's
 * {@link CaseFacts}, the {@link GradeRules}, and the two lists ({@link Listings}). Runs on the engine's context.
 */
public final class Grading {

    private final GradeRules rules;
    private final Map<String, EnterpriseProfile> profiles;
    private final Tallies tallies;
    private final Listings listings;
    private final ZoneId zone;
    private final Clock clock;
    private CaseFacts caseFacts = CaseFacts.NONE;

    public Grading(GradingPolicy policy, Map<String, EnterpriseProfile> profiles, ZoneId zone, KeptWriter writer,
                   Clock clock) {
        this.rules = new GradeRules(policy);
        this.profiles = Map.copyOf(profiles);
        this.tallies = new Tallies(zone, writer);
        this.listings = new Listings(policy, writer);
        this.zone = zone;
        this.clock = clock;
    }

    /** The casework's counts (hidden dangers, findings); until set, none. */
    public void useCaseFacts(CaseFacts facts) {
        this.caseFacts = facts;
    }

    /** Puts back the stored tallies and listings, and tallies the stored incidents (idempotent). */
    public void resume(IncidentStore.Snapshot snapshot) {
        tallies.resume(snapshot.kept(DailyTally.KIND, DailyTally.class));
        listings.resume(snapshot.kept(Listing.KIND, Listing.class));
        snapshot.incidents().forEach(tallies::record);
    }

    /** The grade of {@code enterprise} now, given its sensors' alarms active now. */
    public EnterpriseGrade grade(String enterprise, String gridCell, Collection<ActiveAlarm> active) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        EnterpriseProfile profile = profiles.getOrDefault(enterprise,
                new EnterpriseProfile(enterprise, gridCell, null, Set.of()));
        return rules.grade(profile, tallies.history(enterprise, today, 30), tallies.history(enterprise, today, 90),
                caseFacts.of(enterprise), active, clock.instant());
    }

    /** Deletes tallies past the longest window. */
    public void sweep() {
        tallies.sweep(clock.instant().atZone(zone).toLocalDate());
    }

    public GradingPolicy policy() {
        return rules.policy();
    }

    public Tallies tallies() {
        return tallies;
    }

    public Listings listings() {
        return listings;
    }
}
