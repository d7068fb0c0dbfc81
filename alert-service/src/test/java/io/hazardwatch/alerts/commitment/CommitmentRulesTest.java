package io.hazardwatch.alerts.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.config.CommitmentConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commitment's day, deadline, status and form rules, in the park's time zone (Asia/Shanghai, UTC+8). */
class CommitmentRulesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final CommitmentConfig NINE = new CommitmentConfig(LocalTime.of(9, 0), true, Map.of());
    private static final LocalDate DEC_6 = LocalDate.of(2026, 12, 6);
    /** 2026-12-06 09:00 in Shanghai. */
    private static final Instant DEADLINE_DEC_6 = Instant.parse("2026-12-06T01:00:00Z");

    private final Site tanks = CommitmentRules.site(NINE, "ent-a", "A", "grid-1", List.of("tanks", "store"));
    private final CommitmentRules rules = new CommitmentRules(NINE, SHANGHAI, List.of(tanks));

    private static CommitmentForm form(UnitDeclaration... units) {
        return new CommitmentForm("Li Wei", "+86 138 0000 0000", List.of(units), null);
    }

    private static UnitDeclaration unit(String name, UnitState state, SpecialWork... work) {
        return new UnitDeclaration(name, state, List.of(work), null);
    }

    private final CommitmentForm good = form(unit("tanks", UnitState.MAINTENANCE, SpecialWork.HOT_WORK),
            unit("store", UnitState.RUNNING));

    @Test
    void theParksDayBeginsAtMidnightInShanghaiNotUtc() {
        assertThat(rules.today(Instant.parse("2026-12-06T15:59:59Z"))).isEqualTo(DEC_6);
        assertThat(rules.today(Instant.parse("2026-12-06T16:00:00Z"))).isEqualTo(DEC_6.plusDays(1));
        assertThat(rules.deadline(DEC_6)).isEqualTo(DEADLINE_DEC_6);
    }

    @Test
    void aRequiredCommitmentIsDueBeforeTheDeadlineAndMissingFromItOn() {
        assertThat(rules.status(tanks, DEC_6, null, DEADLINE_DEC_6.minusSeconds(1))).isEqualTo(CommitmentStatus.DUE);
        assertThat(rules.status(tanks, DEC_6, null, DEADLINE_DEC_6)).isEqualTo(CommitmentStatus.MISSING);
        // the next day (after 00:00 Shanghai) the commitment of the 7th is due again until its own deadline
        Instant nextMidnight = Instant.parse("2026-12-06T16:00:00Z");
        assertThat(rules.status(tanks, rules.today(nextMidnight), null, nextMidnight)).isEqualTo(CommitmentStatus.DUE);
        assertThat(rules.status(tanks, DEC_6, null, nextMidnight)).isEqualTo(CommitmentStatus.MISSING);
    }

    @Test
    void madeBeforeTheDeadlineIsSubmittedAfterItLateAndACorrectionKeepsWhenItWasFirstMade() {
        SafetyCommitment onTime = rules.make(tanks, DEC_6, good, null, "ent-a-safety", DEADLINE_DEC_6.minusSeconds(60));
        SafetyCommitment late = rules.make(tanks, DEC_6, good, null, "ent-a-safety", DEADLINE_DEC_6);
        SafetyCommitment corrected = rules.make(tanks, DEC_6, form(unit("tanks", UnitState.RUNNING),
                unit("store", UnitState.STOPPED)), onTime, "ent-a-boss", DEADLINE_DEC_6.plusSeconds(3600));

        assertThat(rules.status(tanks, DEC_6, onTime, DEADLINE_DEC_6)).isEqualTo(CommitmentStatus.SUBMITTED);
        assertThat(rules.status(tanks, DEC_6, late, DEADLINE_DEC_6)).isEqualTo(CommitmentStatus.LATE);
        assertThat(onTime.id()).isEqualTo("ent-a/2026-12-06");
        assertThat(corrected.late()).isFalse();
        assertThat(corrected.firstSubmittedAt()).isEqualTo(DEADLINE_DEC_6.minusSeconds(60));
        assertThat(corrected.submittedBy()).isEqualTo("ent-a-boss");
        assertThat(corrected.declarationOf("tanks")).get().extracting(UnitDeclaration::state).isEqualTo(UnitState.RUNNING);
        assertThat(corrected.history()).extracting(SafetyCommitment.Change::what).containsExactly("made", "corrected");
    }

    @Test
    void theHistoryOfCorrectionsIsBounded() {
        SafetyCommitment c = rules.make(tanks, DEC_6, good, null, "u", DEADLINE_DEC_6);
        for (int i = 0; i < 50; i++) {
            c = rules.make(tanks, DEC_6, good, c, "u", DEADLINE_DEC_6.plusSeconds(i));
        }
        assertThat(c.history()).hasSize(SafetyCommitment.HISTORY_KEPT);
        assertThat(c.late()).isTrue();
    }

    @Test
    void onlyTodaysCommitmentMayBeMadeAndTodayEndsAtMidnightInShanghai() {
        Instant lastSecond = Instant.parse("2026-12-06T15:59:59Z");
        assertThat(rules.make(tanks, DEC_6, good, null, "u", lastSecond).late()).isTrue();
        assertThatThrownBy(() -> rules.make(tanks, DEC_6, good, null, "u", lastSecond.plusSeconds(1)))
                .hasMessageStartingWith("date: only today's commitment (2026-12-07");
        assertThatThrownBy(() -> rules.make(tanks, DEC_6.plusDays(1), good, null, "u", lastSecond))
                .hasMessageStartingWith("date:");
    }

    @Test
    void aBadFormIsRefusedNamingTheField() {
        Instant now = DEADLINE_DEC_6;
        assertThatThrownBy(() -> rules.make(tanks, DEC_6, new CommitmentForm(" ", "12345", good.units(), null), null,
                "u", now)).hasMessage("person: required");
        assertThatThrownBy(() -> rules.make(tanks, DEC_6, new CommitmentForm("Li", "call me", good.units(), null), null,
                "u", now)).hasMessageStartingWith("phone:");
        assertThatThrownBy(() -> rules.make(tanks, DEC_6, form(unit("tanks", UnitState.RUNNING)), null, "u", now))
                .hasMessageStartingWith("units: 'store' is not declared");
        assertThatThrownBy(() -> rules.make(tanks, DEC_6, form(unit("tanks", UnitState.RUNNING),
                unit("store", null)), null, "u", now)).hasMessageStartingWith("units[1].state: required");
        assertThatThrownBy(() -> rules.make(tanks, DEC_6, form(unit("tanks", UnitState.RUNNING),
                unit("store", UnitState.RUNNING), unit("tanks", UnitState.STOPPED)), null, "u", now))
                .hasMessage("units[2].unit: 'tanks' is declared twice");
        assertThatThrownBy(() -> rules.make(tanks, DEC_6, form(unit("pond", UnitState.RUNNING)), null, "u", now))
                .hasMessage("units[0].unit: must be one of [tanks, store]");
        assertThatThrownBy(() -> rules.make(tanks, DEC_6, form(unit("tanks", UnitState.RUNNING, SpecialWork.LIFTING,
                SpecialWork.LIFTING), unit("store", UnitState.RUNNING)), null, "u", now))
                .hasMessageStartingWith("units[0].specialWork:");
    }

    @Test
    void anEnterpriseWithoutUnitsCommitsForTheWholeSiteAndIsRequiredOnlyByOverride() {
        CommitmentConfig config = new CommitmentConfig(LocalTime.of(9, 0), true, Map.of("ent-c", true, "ent-a", false));
        Site plain = CommitmentRules.site(config, "ent-b", "B", "grid-2", List.of());
        Site forced = CommitmentRules.site(config, "ent-c", "C", "grid-2", null);
        Site exempt = CommitmentRules.site(config, "ent-a", "A", "grid-1", List.of("tanks"));

        assertThat(plain.units()).containsExactly(CommitmentRules.WHOLE_SITE);
        assertThat(plain.required()).isFalse();
        assertThat(forced.required()).isTrue();
        assertThat(exempt.required()).isFalse();
        assertThat(rules.status(plain, DEC_6, null, DEADLINE_DEC_6)).isEqualTo(CommitmentStatus.NOT_REQUIRED);
        assertThat(CommitmentRules.site(new CommitmentConfig(LocalTime.NOON, false, Map.of()), "ent-a", "A", "g",
                List.of("tanks")).required()).isFalse();
    }

    @Test
    void theDeadlineIsReadInTheConfiguredZone() {
        CommitmentRules utc = new CommitmentRules(new CommitmentConfig(LocalTime.of(8, 30), true, Map.of()),
                ZoneId.of("UTC"), List.of(tanks));
        assertThat(utc.deadline(DEC_6)).isEqualTo(Instant.parse("2026-12-06T08:30:00Z"));
        assertThat(utc.today(Instant.parse("2026-12-06T23:59:00Z"))).isEqualTo(DEC_6);
    }
}
