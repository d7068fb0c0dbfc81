package io.hazardwatch.alerts.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster file read and resolved: weekly pattern, dated override, swaps, night shifts past midnight, park zone. */
class RosterTest {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    static final String ROSTER = RosterTestFiles.ROSTER;

    @TempDir
    Path dir;

    private Roster load(String yaml) throws IOException {
        return RosterFile.load(Files.writeString(dir.resolve("roster.yaml"), yaml), "alert.roster.file", PARK);
    }

    @Test
    void resolvesTheWeeklyPatternInTheParksZone() throws IOException {
        List<Slot> monday = load(ROSTER).day(MONDAY, List.of());

        assertThat(monday).extracting(Slot::shift, Slot::officer, Slot::leader)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("day", "alice", "Zhang"),
                        org.assertj.core.groups.Tuple.tuple("night", "bob", "Li"));
        // 08:00 in Shanghai is 00:00 UTC; the night shift ends at 08:00 the next morning
        assertThat(monday.get(0).start()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(monday.get(1).start()).isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
        assertThat(monday.get(1).end()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
    }

    @Test
    void aDatedOverrideReplacesTheOfficerAndKeepsTheWeeklyLeader() throws IOException {
        Slot tuesdayDay = load(ROSTER).day(MONDAY.plusDays(1), List.of()).get(0);

        assertThat(tuesdayDay.officer()).isEqualTo("carol");
        assertThat(tuesdayDay.leader()).isEqualTo("Zhang");
        assertThat(tuesdayDay.overridden()).isTrue();
    }

    @Test
    void theNightShiftIsOnDutyAfterMidnightAndTheNextShiftIsTheMorningOne() throws IOException {
        Roster roster = load(ROSTER);
        Instant threeAmTuesday = Instant.parse("2026-12-07T19:00:00Z"); // 03:00 Tuesday in Shanghai

        Slot now = roster.at(threeAmTuesday, List.of()).orElseThrow();
        Slot next = roster.next(threeAmTuesday, List.of()).orElseThrow();

        assertThat(now.date()).isEqualTo(MONDAY);
        assertThat(now.shift()).isEqualTo("night");
        assertThat(now.officer()).isEqualTo("bob");
        assertThat(next.date()).isEqualTo(MONDAY.plusDays(1));
        assertThat(next.shift()).isEqualTo("day");
        assertThat(next.officer()).isEqualTo("carol");
    }

    @Test
    void aSwapExchangesTwoShiftsOnTopOfOverrides() throws IOException {
        Roster roster = load(ROSTER);
        Swap swap = new Swap("swap-20261206-1", MONDAY, "night", "bob", MONDAY.plusDays(1), "day", "carol", "bob",
                Instant.parse("2026-12-06T01:00:00Z"));

        List<Slot> slots = roster.days(MONDAY, MONDAY.plusDays(1), List.of(swap));

        assertThat(slots).extracting(Slot::officer).containsExactly("alice", "carol", "bob", "bob");
        assertThat(slots.get(1).swap()).isEqualTo("swap-20261206-1");
        assertThat(slots.get(2).swap()).isEqualTo("swap-20261206-1");
        // a day without a weekly pattern has its shifts, with nobody on them
        assertThat(roster.day(MONDAY.plusDays(2), List.of())).extracting(Slot::officer).containsOnlyNulls();
    }

    @Test
    void aBadFileIsRefusedNamingTheField() {
        assertThatThrownBy(() -> load(ROSTER.replace("shift: night, officer: bob", "shift: evening, officer: bob")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("weekly[1].shift: 'evening'");
        assertThatThrownBy(() -> load(ROSTER.replace("officer: alice, ", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("weekly[0].officer: required");
        assertThatThrownBy(() -> load(ROSTER.replace("to: \"20:00\"", "to: \"25:00\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("shifts[0].to");
        assertThatThrownBy(() -> load(ROSTER + "  - {date: 2026-12-08, shift: day, leader: Wang}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("overrides[1]: 2026-12-08 day is overridden twice");
        assertThatThrownBy(() -> load(ROSTER.replace("days: [MONDAY, TUESDAY], shift: night",
                "days: [MONDAY, MONDAY], shift: night")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("weekly[1].days: MONDAY night is covered twice");
    }

    @Test
    void theDemoRosterIsValidAndCoversEveryShiftOfTheWeek() {
        Roster demo = RosterFile.load(Path.of("../deploy/config/roster.yaml"), "alert.roster.file", PARK);

        assertThat(demo.days(MONDAY, MONDAY.plusDays(6), List.of())).hasSize(14)
                .allSatisfy(s -> assertThat(s.officer()).isNotNull())
                .allSatisfy(s -> assertThat(s.leader()).isNotNull());
    }
}
