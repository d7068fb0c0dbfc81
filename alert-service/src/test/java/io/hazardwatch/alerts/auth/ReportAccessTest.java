package io.hazardwatch.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportAccessTest {

    @Test
    void onlyTheDutyRoomReadsTheParkWideReports() {
        assertThat(Access.mayReadReports(new User("duty", Role.DUTY_OFFICER, null, null))).isTrue();
        assertThat(Access.mayReadReports(new User("admin", Role.ADMIN, null, null))).isTrue();
        assertThat(Access.mayReadReports(new User("grid1", Role.GRID_STAFF, List.of("grid-1", "*"), null))).isFalse();
        assertThat(Access.mayReadReports(new User("ent-a-viewer", Role.ENTERPRISE, null, "ent-a"))).isFalse();
    }
}
