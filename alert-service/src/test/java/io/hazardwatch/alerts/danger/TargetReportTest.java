package io.hazardwatch.alerts.danger;

import static io.hazardwatch.alerts.danger.HiddenDangerTest.DEADLINE;
import static io.hazardwatch.alerts.danger.HiddenDangerTest.T0;
import static io.hazardwatch.alerts.danger.HiddenDangerTest.reported;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The year's counts against "50 under supervision, 100 % rectified on time". */
class TargetReportTest {

    @Test
    void countsTheYearsDangersSupervisionAndTheOnTimeRate() {
        HiddenDanger onTime = reported(Severity.MAJOR).supervise("duty", SupervisionLevel.CITY, T0)
                .start("e", null, null, T0).submit("e", null, T0).accept("g", null, T0).close("g", null, T0);
        HiddenDanger late = reported(Severity.MAJOR).supervise("g", SupervisionLevel.STREET, T0)
                .start("e", null, null, T0).submit("e", null, T0).accept("g", null, DEADLINE.plusSeconds(1));
        HiddenDanger overdue = reported(Severity.GENERAL).checkOverdue(DEADLINE.plusSeconds(1));
        HiddenDanger open = reported(Severity.GENERAL);
        TargetReport report = TargetReport.of(List.of(onTime, late, overdue, open),
                new DangerSettings.Targets(2026, 50, 100.0), ZoneId.of("Asia/Shanghai"), DEADLINE.plus(Duration.ofDays(1)));

        assertThat(report.opened()).isEqualTo(4);
        assertThat(report.closed()).isEqualTo(1);
        assertThat(report.major()).isEqualTo(2);
        assertThat(report.supervised()).containsEntry(SupervisionLevel.CITY, 1).containsEntry(SupervisionLevel.STREET, 1)
                .containsEntry(SupervisionLevel.DISTRICT, 0);
        assertThat(report.supervisedTotal()).isEqualTo(2);
        assertThat(report.onTime()).isEqualTo(1);
        assertThat(report.late()).isEqualTo(1);
        assertThat(report.overdueNow()).isEqualTo(1);
        assertThat(report.onTimeRate()).isEqualTo(33.3);
        assertThat(report.supervisedMet()).isFalse();
        assertThat(report.onTimeRateMet()).isFalse();
    }

    @Test
    void anotherYearCountsNothingAndARateWithNothingToCountIsNoFailure() {
        TargetReport report = TargetReport.of(List.of(reported(Severity.MAJOR)), new DangerSettings.Targets(2025, 0, 100.0),
                ZoneId.of("Asia/Shanghai"), T0);
        assertThat(report.opened()).isZero();
        assertThat(report.onTimeRate()).isNull();
        assertThat(report.onTimeRateMet()).isTrue();
        assertThat(report.supervisedMet()).isTrue();
    }
}
