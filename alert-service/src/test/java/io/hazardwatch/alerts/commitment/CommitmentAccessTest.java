package io.hazardwatch.alerts.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.Role;
import io.hazardwatch.alerts.auth.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An enterprise makes its own commitment only; grid staff see their cells', the duty room all; nobody else writes. */
class CommitmentAccessTest {

    private static final User DUTY = new User("duty", Role.DUTY_OFFICER, List.of(), null);
    private static final User ADMIN = new User("admin", Role.ADMIN, List.of(), null);
    private static final User GRID1 = new User("grid1", Role.GRID_STAFF, List.of("grid-1"), null);
    private static final User ENT_A = new User("ent-a-user", Role.ENTERPRISE, List.of(), "ent-a");

    @Test
    void onlyTheEnterprisesOwnUsersMakeItsCommitment() {
        assertThat(Access.mayCommit(ENT_A, "ent-a")).isTrue();
        assertThat(Access.mayCommit(ENT_A, "ent-b")).isFalse();
        assertThat(Access.mayCommit(DUTY, "ent-a")).isFalse();
        assertThat(Access.mayCommit(ADMIN, "ent-a")).isFalse();
        assertThat(Access.mayCommit(GRID1, "ent-a")).isFalse();
        assertThat(Access.mayCommit(ENT_A, null)).isFalse();
    }

    @Test
    void theDutyRoomSeesAllGridStaffTheirCellsAnEnterpriseItsOwn() {
        assertThat(Access.maySeeCommitments(DUTY, "ent-b", "grid-2")).isTrue();
        assertThat(Access.maySeeCommitments(ADMIN, "ent-b", "grid-2")).isTrue();
        assertThat(Access.maySeeCommitments(GRID1, "ent-a", "grid-1")).isTrue();
        assertThat(Access.maySeeCommitments(GRID1, "ent-b", "grid-2")).isFalse();
        assertThat(Access.maySeeCommitments(ENT_A, "ent-a", "grid-1")).isTrue();
        assertThat(Access.maySeeCommitments(ENT_A, "ent-b", "grid-2")).isFalse();
    }
}
