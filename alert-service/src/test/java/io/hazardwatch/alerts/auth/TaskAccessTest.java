package io.hazardwatch.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may see, work and manage inspection tasks. */
class TaskAccessTest {

    private static final User DUTY = new User("duty", Role.DUTY_OFFICER, null, null);
    private static final User ADMIN = new User("admin", Role.ADMIN, null, null);
    private static final User GRID = new User("grid1", Role.GRID_STAFF, List.of("grid-1", "grid-3"), null);
    private static final User ENTERPRISE = new User("viewer", Role.ENTERPRISE, null, "ent-a");

    @Test
    void theDutyRoomSeesWorksAndManagesEveryTask() {
        for (User user : List.of(DUTY, ADMIN)) {
            assertThat(Access.maySeeTask(user, "ent-b", "grid-2")).isTrue();
            assertThat(Access.mayWorkTask(user, "grid-2")).isTrue();
            assertThat(Access.mayManageTasks(user)).isTrue();
        }
    }

    @Test
    void gridStaffSeeAndWorkTheTasksOfTheirCellsOnlyAndManageNone() {
        assertThat(Access.maySeeTask(GRID, "ent-a", "grid-1")).isTrue();
        assertThat(Access.mayWorkTask(GRID, "grid-3")).isTrue();
        assertThat(Access.maySeeTask(GRID, "ent-b", "grid-2")).isFalse();
        assertThat(Access.mayWorkTask(GRID, "grid-2")).isFalse();
        assertThat(Access.mayWorkTask(GRID, null)).isFalse();
        assertThat(Access.mayManageTasks(GRID)).isFalse();
    }

    @Test
    void anEnterpriseSeesItsOwnTasksReadOnly() {
        assertThat(Access.maySeeTask(ENTERPRISE, "ent-a", "grid-1")).isTrue();
        assertThat(Access.maySeeTask(ENTERPRISE, "ent-b", "grid-1")).isFalse();
        assertThat(Access.mayWorkTask(ENTERPRISE, "grid-1")).isFalse();
        assertThat(Access.mayManageTasks(ENTERPRISE)).isFalse();
    }
}
