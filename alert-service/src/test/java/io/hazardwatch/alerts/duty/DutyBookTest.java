package io.hazardwatch.alerts.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.store.Kept;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The duty book's rules: whose shift may be swapped, which shift a hand-over is for, what is forgotten. */
class DutyBookTest {

    // Monday 19:45 in the park: alice's day shift ends at 20:00, bob's night begins
    static final Instant NOW = Instant.parse("2026-12-07T11:45:00Z");
    static final LocalDate MONDAY = RosterTest.MONDAY;

    private final List<Kept> stored = new ArrayList<>();

    private DutyBook book(Path dir, Instant now) throws Exception {
        Roster roster = RosterFile.load(Files.writeString(dir.resolve("roster.yaml"), RosterTestFiles.ROSTER),
                "alert.roster.file", RosterTest.PARK);
        return new DutyBook(() -> roster, () -> new HandoverSummary.Books(List.of(), List.of(), List.of(), List.of()),
                kept -> {
                    stored.addAll(kept);
                    return Future.succeededFuture();
                }, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void anOfficerSwapsOnlyOwnShiftsAndTheOtherShiftMustBeTheOtherOfficers(@TempDir Path dir) throws Exception {
        DutyBook duty = book(dir, NOW);

        assertThatThrownBy(() -> duty.swap(new DutyBook.SwapRequest(MONDAY, "night", "carol", null, null), "alice", false))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> duty.swap(new DutyBook.SwapRequest(MONDAY, "day", "bob", MONDAY.plusDays(1), "day"),
                "alice", false)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("withShift:");
        assertThatThrownBy(() -> duty.swap(new DutyBook.SwapRequest(MONDAY, "noon", "bob", null, null), "alice", false))
                .hasMessageStartingWith("shift:");
        Swap swap = duty.swap(new DutyBook.SwapRequest(MONDAY, "day", "bob", MONDAY, "night"), "alice", false).result();

        assertThat(swap.id()).isEqualTo("swap-20261207-1");
        assertThat(duty.days(MONDAY, MONDAY)).extracting(Slot::officer).containsExactly("bob", "alice");
        assertThat(stored).extracting(Kept::key).containsExactly("swap/swap-20261207-1");
    }

    @Test
    void aHandoverIsForTheNextShiftOrTheOneBegunWithinTheHourAndIsForgottenOnceAcknowledgedAndOld(@TempDir Path dir)
            throws Exception {
        Handover beforeNight = book(dir, NOW).writeHandover("alice", "ok").result();
        Handover lateOne = book(dir, NOW.plus(Duration.ofMinutes(50))).writeHandover("alice", "late").result();
        DutyBook duty = book(dir, NOW);
        Handover written = duty.writeHandover("alice", "x").result();

        assertThat(beforeNight.shift()).isEqualTo("night");
        assertThat(beforeNight.incoming()).isEqualTo("bob");
        assertThat(lateOne.shiftDate()).isEqualTo(MONDAY);
        assertThat(lateOne.shift()).as("20:35: still the night begun at 20:00").isEqualTo("night");
        assertThat(duty.pending()).contains(written);
        assertThat(duty.forgetBefore(NOW.plusSeconds(1))).as("pending: kept").isEmpty();
        duty.acknowledge(written.id(), "bob").result();
        assertThat(duty.pending()).isEmpty();
        assertThatThrownBy(() -> duty.acknowledge(written.id(), "bob")).isInstanceOf(IllegalStateException.class);
        assertThat(duty.forgetBefore(NOW.plusSeconds(1))).containsExactly("handover/" + written.id());
        assertThat(duty.handovers()).isEmpty();
    }
}
