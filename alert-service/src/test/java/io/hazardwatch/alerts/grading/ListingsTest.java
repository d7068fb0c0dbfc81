package io.hazardwatch.alerts.grading;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.risk.RiskColour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    private final GradingPolicy policy = GradingPolicy.defaults();
    private final GradingFixtures.RecordingWriter writer = new GradingFixtures.RecordingWriter();
    private final Listings listings = new Listings(policy, writer);

    private EnterpriseGrade grade(int score, Instant at) {
        return new EnterpriseGrade("ent-a", "grid-1", score, policy.colourOf(score), score >= 30, score >= 60, 0, 0,
                List.of(new Factor("openDangers", score / 3, score, score / 3 + " open hidden dangers: +" + score)), at);
    }

    @Test
    void anEnterpriseEntersAtTheLineWithDateAndReasonAndStaysWhileOverIt() {
        assertThat(listings.update(grade(20, T0))).isEmpty();
        assertThat(listings.onWatchList("ent-a")).isFalse();

        assertThat(listings.update(grade(33, T0.plusSeconds(60)))).isPresent();
        assertThat(listings.onWatchList("ent-a")).isTrue();
        assertThat(listings.onPriorityList("ent-a")).isFalse();
        Listing.Entry entry = listings.of("ent-a").watch();
        assertThat(entry.since()).isEqualTo(T0.plusSeconds(60));
        assertThat(entry.reason()).isEqualTo("score 33 reached the warning line 30: 11 open hidden dangers: +33");
        assertThat(entry.factors()).extracting(Factor::id).containsExactly("openDangers");

        // a higher and a lower score over the line: the entry (its date and reason) stays as it was
        assertThat(listings.update(grade(45, T0.plusSeconds(120)))).isEmpty();
        assertThat(listings.update(grade(30, T0.plusSeconds(180)))).isEmpty();
        assertThat(listings.of("ent-a").watch()).isEqualTo(entry);

        listings.update(grade(75, T0.plusSeconds(240)));
        assertThat(listings.onPriorityList("ent-a")).isTrue();
        assertThat(listings.onWatchList("ent-a")).isTrue();
        assertThat(writer.kept).extracting(k -> k.key()).containsOnly("listing/ent-a").hasSize(2);
    }

    @Test
    void itLeavesOnlyWhenTheGradeFallsBelowTheLineWithDateAndReason() {
        listings.update(grade(75, T0));
        listings.update(grade(40, T0.plus(Duration.ofDays(1))));
        assertThat(listings.onPriorityList("ent-a")).isFalse();
        assertThat(listings.onWatchList("ent-a")).isTrue();
        listings.update(grade(10, T0.plus(Duration.ofDays(2))));
        assertThat(listings.onWatchList("ent-a")).isFalse();

        List<Listing.Move> moves = listings.of("ent-a").history();
        assertThat(moves).extracting(Listing.Move::list, Listing.Move::entered).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Listing.Name.WATCH, true),
                org.assertj.core.groups.Tuple.tuple(Listing.Name.PRIORITY, true),
                org.assertj.core.groups.Tuple.tuple(Listing.Name.PRIORITY, false),
                org.assertj.core.groups.Tuple.tuple(Listing.Name.WATCH, false));
        assertThat(moves.get(3).at()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(moves.get(3).reason()).startsWith("score 10 fell below the warning line 30");
        assertThat(RiskColour.BLUE).isEqualTo(policy.colourOf(10));
    }

    @Test
    void theListingsComeBackFromTheStoreAndTheirHistoryIsBounded() {
        for (int i = 0; i < 30; i++) {
            listings.update(grade(i % 2 == 0 ? 40 : 10, T0.plusSeconds(i * 60L)));
        }
        assertThat(listings.of("ent-a").history()).hasSize(Listing.HISTORY_KEPT);

        Listings restarted = new Listings(policy, writer);
        restarted.resume(writer.stored(Listing.KIND, Listing.class));
        assertThat(restarted.of("ent-a")).isEqualTo(listings.of("ent-a"));
        listings.update(grade(40, T0.plus(Duration.ofDays(1))));
        restarted.update(grade(40, T0.plus(Duration.ofDays(1))));
        assertThat(restarted.of("ent-a").watch().since()).isEqualTo(listings.of("ent-a").watch().since());
    }
}
