package io.hazardwatch.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.model.AlarmLevel;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageAccessTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final ActiveAlarm ENT_A = new ActiveAlarm("threshold:ent-a/tank-1/lel-1", AlarmLevel.FIRST, "ent-a",
            "grid-1", "tank-1", "lel-1", null, "THRESHOLD", 30, 25.0, "%LEL", "threshold", 1, T0, T0, null, null);

    @Test
    void theDutyRoomSeesEveryMessageGridStaffThoseOfTheirCellsAndAnEnterpriseOnlyItsFeedbackRequests() {
        User duty = new User("duty", Role.DUTY_OFFICER, null, null);
        User admin = new User("admin", Role.ADMIN, null, null);
        User grid1 = new User("grid1", Role.GRID_STAFF, List.of("grid-1"), null);
        User grid2 = new User("grid2", Role.GRID_STAFF, List.of("grid-2"), null);
        User entA = new User("ent-a-viewer", Role.ENTERPRISE, null, "ent-a");
        User entB = new User("ent-b-viewer", Role.ENTERPRISE, null, "ent-b");

        assertThat(Access.maySeeMessage(duty, ENT_A, "step-0")).isTrue();
        assertThat(Access.maySeeMessage(admin, ENT_A, "dispatch/TRIGGER")).isTrue();
        assertThat(Access.maySeeMessage(grid1, ENT_A, "step-1")).isTrue();
        assertThat(Access.maySeeMessage(grid2, ENT_A, "step-1")).isFalse();
        assertThat(Access.maySeeMessage(entA, ENT_A, "feedback-request")).isTrue();
        assertThat(Access.maySeeMessage(entA, ENT_A, "step-0")).as("the grid's own messages").isFalse();
        assertThat(Access.maySeeMessage(entB, ENT_A, "feedback-request")).isFalse();
    }
}
