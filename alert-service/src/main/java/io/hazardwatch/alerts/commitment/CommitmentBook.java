package io.hazardwatch.alerts.commitment;

import io.hazardwatch.alerts.store.CommitTracker;
import io.hazardwatch.alerts.store.IncidentStore;
import io.hazardwatch.alerts.store.Kept;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every daily safety commitment the service keeps, by id ({@code <enterprise>/<date>}), stored beside the incidents
 * ({@link SafetyCommitment#KIND}). A commitment made or corrected waits for its commit like a person's command on
 * an incident. Runs on the service's Vert.x context, like the incident book.
 */
public final class CommitmentBook {

    private static final Logger LOG = LoggerFactory.getLogger(CommitmentBook.class);

    private final CommitmentRules rules;
    private final CommitTracker commits;
    private final Duration commandWait;
    private final Clock clock;
    private final Map<String, SafetyCommitment> byId = new LinkedHashMap<>();
    private final List<Consumer<SafetyCommitment>> listeners = new ArrayList<>();

    public CommitmentBook(CommitmentRules rules, CommitTracker commits, Duration commandWait, Clock clock) {
        this.rules = rules;
        this.commits = commits;
        this.commandWait = commandWait;
        this.clock = clock;
    }

    /** Puts back the stored commitments after a start. */
    public void resume(IncidentStore.Snapshot snapshot) {
        snapshot.kept(SafetyCommitment.KIND, SafetyCommitment.class).forEach(c -> byId.put(c.id(), c));
        LOG.info("safety commitments resumed: {}", byId.size());
    }

    /** Told of each commitment made or corrected (once it is in the book, before its commit). */
    public void onChange(Consumer<SafetyCommitment> listener) {
        listeners.add(listener);
    }

    public Optional<SafetyCommitment> get(String enterprise, LocalDate date) {
        return Optional.ofNullable(byId.get(SafetyCommitment.idOf(enterprise, date)));
    }

    public CommitmentRules rules() {
        return rules;
    }

    /**
     * Makes or corrects {@code site}'s commitment of {@code date} from {@code form}; fails at once with an
     * {@link IllegalArgumentException} naming the field of a bad form, later if the store does not commit in time.
     */
    public Future<SafetyCommitment> submit(Site site, LocalDate date, CommitmentForm form, String who) {
        Instant now = clock.instant();
        SafetyCommitment existing = byId.get(SafetyCommitment.idOf(site.enterprise(), date));
        SafetyCommitment next = rules.make(site, date, form, existing, who, now);
        byId.put(next.id(), next);
        LOG.info("safety commitment {} {} by {}{}", next.id(), existing == null ? "made" : "corrected", who,
                next.late() ? " (late)" : "");
        listeners.forEach(l -> l.accept(next));
        return commits.within(commits.keep(List.of(new Kept(SafetyCommitment.KIND, next.id(), next))), commandWait)
                .map(v -> next);
    }

    /** One enterprise's line for {@code date}. */
    public DayEntry entry(Site site, LocalDate date) {
        SafetyCommitment commitment = get(site.enterprise(), date).orElse(null);
        return new DayEntry(site.enterprise(), site.name(), site.gridCell(), site.required(),
                rules.status(site, date, commitment, clock.instant()), site.units(), commitment);
    }

    /** The overview of {@code date} for the sites {@code visible} lets through. */
    public DayOverview overview(LocalDate date, Predicate<Site> visible) {
        List<DayEntry> entries = rules.sites().stream().filter(visible).map(s -> entry(s, date)).toList();
        Map<CommitmentStatus, Long> counts = new EnumMap<>(CommitmentStatus.class);
        for (CommitmentStatus status : CommitmentStatus.values()) {
            counts.put(status, entries.stream().filter(e -> e.status() == status).count());
        }
        Instant now = clock.instant();
        Instant deadline = rules.deadline(date);
        return new DayOverview(date, date.equals(rules.today(now)), deadline,
                deadline.atZone(rules.zone()).toLocalTime().toString(), rules.zone().getId(), counts, entries);
    }

    /** Forgets the commitments of days before {@code cutoff} (past the service's retention) and tombstones them. */
    public void forgetBefore(LocalDate cutoff) {
        List<String> gone = byId.values().stream().filter(c -> c.date().isBefore(cutoff)).map(SafetyCommitment::id)
                .toList();
        if (!gone.isEmpty()) {
            gone.forEach(byId::remove);
            commits.delete(List.of(), gone.stream().map(id -> Kept.keyOf(SafetyCommitment.KIND, id)).toList());
        }
    }
}
