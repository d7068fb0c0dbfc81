package io.hazardwatch.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may hand over, acknowledge, swap and read which duty-log lines (issue 21, shifts). */
class DutyAccessTest {

    static final User DUTY = new User("duty", Role.DUTY_OFFICER, List.of(), null);
    static final User DUTY2 = new User("duty2", Role.DUTY_OFFICER, List.of(), null);
    static final User ADMIN = new User("admin", Role.ADMIN, List.of(), null);
    static final User GRID = new User("grid1", Role.GRID_STAFF, List.of("grid-1"), null);
    static final User ENT = new User("ent-a-viewer", Role.ENTERPRISE, List.of(), "ent-a");

    @Test
    void onlyTheDutyRoomHandsOverAndAnotherOfItAcknowledges() {
        assertThat(List.of(DUTY, ADMIN, GRID, ENT)).filteredOn(Access::mayHandOver).containsExactly(DUTY, ADMIN);
        assertThat(Access.mayAcknowledgeHandover(DUTY2, "duty")).isTrue();
        assertThat(Access.mayAcknowledgeHandover(DUTY, "duty")).as("not one's own").isFalse();
        assertThat(Access.mayAcknowledgeHandover(ADMIN, "admin")).isTrue();
        assertThat(Access.mayAcknowledgeHandover(GRID, "duty")).isFalse();
        assertThat(Access.mayAcknowledgeHandover(ENT, "duty")).isFalse();
    }

    @Test
    void aDutyOfficerSwapsOwnShiftsAndAnAdminAnyone() {
        assertThat(Access.maySwapShift(DUTY, false)).isTrue();
        assertThat(Access.maySwapShift(DUTY, true)).isFalse();
        assertThat(Access.maySwapShift(ADMIN, true)).isTrue();
        assertThat(Access.maySwapShift(GRID, false)).isFalse();
        assertThat(Access.maySwapShift(ENT, false)).isFalse();
    }

    @Test
    void logLinesFollowTheirEnterpriseAndTheDutyRoomsOwnLinesAreTheDutyRooms() {
        assertThat(Access.maySeeLogEntry(GRID, "ent-a", "grid-1")).isTrue();
        assertThat(Access.maySeeLogEntry(GRID, "ent-b", "grid-2")).isFalse();
        assertThat(Access.maySeeLogEntry(ENT, "ent-a", "grid-1")).isTrue();
        assertThat(Access.maySeeLogEntry(ENT, "ent-b", "grid-1")).isFalse();
        assertThat(Access.maySeeLogEntry(GRID, null, null)).isFalse();
        assertThat(Access.maySeeLogEntry(ENT, null, null)).isFalse();
        assertThat(Access.maySeeLogEntry(DUTY, null, null)).isTrue();
    }
}
