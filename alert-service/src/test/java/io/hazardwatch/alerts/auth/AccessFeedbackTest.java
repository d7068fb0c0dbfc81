package io.hazardwatch.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who answers an enterprise's incident (its own users only) and who verifies the answer (duty room, the cell's grid staff). */
class AccessFeedbackTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final ActiveAlarm ALARM = Incident.open(new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/tank-1/lel-1/THRESHOLD",
            "ent-a", "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.FIRST,
            AlarmTransition.RAISED, 30, 25.0, "%LEL", "r", 1, T0, T0, T0), "grid-1", T0).alarm();

    private static final User DUTY = new User("duty", Role.DUTY_OFFICER, null, null);
    private static final User ADMIN = new User("admin", Role.ADMIN, null, null);
    private static final User GRID_1 = new User("g1", Role.GRID_STAFF, List.of("grid-1"), null);
    private static final User GRID_2 = new User("g2", Role.GRID_STAFF, List.of("grid-2"), null);
    private static final User ENT_A = new User("a", Role.ENTERPRISE, null, "ent-a");
    private static final User ENT_B = new User("b", Role.ENTERPRISE, null, "ent-b");

    @Test
    void onlyTheEnterprisesOwnUsersAnswer() {
        assertThat(Access.mayAnswer(ENT_A, ALARM)).isTrue();
        assertThat(Access.mayAnswer(ENT_B, ALARM)).isFalse();
        assertThat(Access.mayAnswer(DUTY, ALARM)).isFalse();
        assertThat(Access.mayAnswer(GRID_1, ALARM)).isFalse();
    }

    @Test
    void theDutyRoomAndTheCellsGridStaffVerifyNeverAnEnterprise() {
        assertThat(Access.mayVerify(DUTY, ALARM)).isTrue();
        assertThat(Access.mayVerify(ADMIN, ALARM)).isTrue();
        assertThat(Access.mayVerify(GRID_1, ALARM)).isTrue();
        assertThat(Access.mayVerify(GRID_2, ALARM)).isFalse();
        assertThat(Access.mayVerify(ENT_A, ALARM)).isFalse();
    }
}
