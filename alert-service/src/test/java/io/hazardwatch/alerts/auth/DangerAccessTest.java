package io.hazardwatch.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may report, rectify, verify and supervise a hidden danger of ent-a (grid-1). */
class DangerAccessTest {

    static final User DUTY = new User("duty", Role.DUTY_OFFICER, List.of(), null);
    static final User ADMIN = new User("admin", Role.ADMIN, List.of(), null);
    static final User GRID1 = new User("grid1", Role.GRID_STAFF, List.of("grid-1"), null);
    static final User GRID2 = new User("grid2", Role.GRID_STAFF, List.of("grid-2"), null);
    static final User ENT_A = new User("a", Role.ENTERPRISE, List.of(), "ent-a");
    static final User ENT_B = new User("b", Role.ENTERPRISE, List.of(), "ent-b");

    @Test
    void gridStaffOfTheCellAndTheDutyRoomReportAndTheEnterpriseOnlySelfReportsItsOwn() {
        assertThat(Access.mayReportDanger(DUTY, "ent-a", "grid-1", false)).isTrue();
        assertThat(Access.mayReportDanger(GRID1, "ent-a", "grid-1", false)).isTrue();
        assertThat(Access.mayReportDanger(GRID2, "ent-a", "grid-1", false)).isFalse();
        assertThat(Access.mayReportDanger(ENT_A, "ent-a", "grid-1", true)).isTrue();
        assertThat(Access.mayReportDanger(ENT_A, "ent-a", "grid-1", false)).isFalse();
        assertThat(Access.mayReportDanger(ENT_B, "ent-a", "grid-1", true)).isFalse();
        assertThat(Access.mayReportDanger(DUTY, "ent-a", "grid-1", true)).isFalse();
        assertThat(Access.mayReportDanger(GRID1, "ent-a", "grid-1", true)).isFalse();
    }

    @Test
    void onlyTheEnterpriseItselfRectifies() {
        assertThat(Access.mayRectifyDanger(ENT_A, "ent-a")).isTrue();
        assertThat(Access.mayRectifyDanger(ENT_B, "ent-a")).isFalse();
        assertThat(Access.mayRectifyDanger(GRID1, "ent-a")).isFalse();
        assertThat(Access.mayRectifyDanger(DUTY, "ent-a")).isFalse();
    }

    @Test
    void gridStaffOfTheCellAndTheDutyRoomVerifyAndOnlyTheDutyRoomTouchesCitySupervision() {
        assertThat(Access.mayVerifyDanger(GRID1, "ent-a", "grid-1")).isTrue();
        assertThat(Access.mayVerifyDanger(GRID2, "ent-a", "grid-1")).isFalse();
        assertThat(Access.mayVerifyDanger(DUTY, "ent-a", "grid-1")).isTrue();
        assertThat(Access.mayVerifyDanger(ENT_A, "ent-a", "grid-1")).isFalse();
        assertThat(Access.maySuperviseDanger(GRID1, "ent-a", "grid-1", false)).isTrue();
        assertThat(Access.maySuperviseDanger(GRID1, "ent-a", "grid-1", true)).isFalse();
        assertThat(Access.maySuperviseDanger(GRID2, "ent-a", "grid-1", false)).isFalse();
        assertThat(Access.maySuperviseDanger(DUTY, "ent-a", "grid-1", true)).isTrue();
        assertThat(Access.maySuperviseDanger(ADMIN, "ent-a", "grid-1", true)).isTrue();
        assertThat(Access.maySuperviseDanger(ENT_A, "ent-a", "grid-1", false)).isFalse();
    }
}
