package io.hazardwatch.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradeAccessTest {

    @Test
    void theDutyRoomSeesEveryGradeGridStaffTheirCellsAndAnEnterpriseItsOwn() {
        User duty = new User("duty", Role.DUTY_OFFICER, null, null);
        User admin = new User("admin", Role.ADMIN, null, null);
        User grid = new User("grid1", Role.GRID_STAFF, List.of("grid-1"), null);
        User ent = new User("ent-a-viewer", Role.ENTERPRISE, null, "ent-a");

        assertThat(Access.maySeeGrade(duty, "ent-b", "grid-2")).isTrue();
        assertThat(Access.maySeeGrade(admin, "ent-b", null)).isTrue();
        assertThat(Access.maySeeGrade(grid, "ent-a", "grid-1")).isTrue();
        assertThat(Access.maySeeGrade(grid, "ent-b", "grid-2")).isFalse();
        assertThat(Access.maySeeGrade(grid, "ent-x", null)).as("an enterprise in no known cell").isFalse();
        assertThat(Access.maySeeGrade(ent, "ent-a", "grid-1")).isTrue();
        assertThat(Access.maySeeGrade(ent, "ent-b", "grid-1")).isFalse();
        assertThat(Access.maySeeGrade(duty, null, "grid-1")).as("no enterprise, no grade").isFalse();
    }
}
