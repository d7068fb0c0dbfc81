package io.hazardwatch.alerts.report;

import static io.hazardwatch.alerts.report.ReportFixtures.alarm;
import static io.hazardwatch.alerts.report.ReportFixtures.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.report.DutyReport.Count;
import io.hazardwatch.alerts.report.DutyReport.Offline;
import io.hazardwatch.alerts.report.DutyReport.Timing;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures of a duty report, exact, from built incidents, dangers and tasks of one park day (Asia/Shanghai). */
class ReportFiguresTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** 2026-12-05 in the park: 2026-12-04T16:00Z up to 2026-12-05T16:00Z. */
    static final ReportPeriod DAY = ReportPeriod.day(LocalDate.of(2026, 12, 5), ZONE);
    static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");

    static List<Incident> incidents() {
        return List.of(
                // level 2, acknowledged after 1 min, closed after 15 min, a real release
                incident(alarm("ent-a", "grid-1", "tank-1", "lel-1", "THRESHOLD", AlarmLevel.SECOND,
                        Instant.parse("2026-12-05T01:00:00Z")), 60L, Instant.parse("2026-12-05T01:10:00Z"), 900L,
                        Cause.REAL_RELEASE, false),
                // acknowledged after 3 min, closed after 1 h, a sensor fault reported late
                incident(alarm("ent-a", "grid-1", "tank-1", "lel-2", "THRESHOLD", AlarmLevel.FIRST,
                        Instant.parse("2026-12-05T02:00:00Z")), 180L, Instant.parse("2026-12-05T02:30:00Z"), 3600L,
                        Cause.SENSOR_FAULT, true),
                // acknowledged after 10 min, still open, no answer
                incident(alarm("ent-b", "grid-2", "room-1", "nh3-1", "THRESHOLD", AlarmLevel.FIRST,
                        Instant.parse("2026-12-05T03:00:00Z")), 600L, null, null, null, false),
                // offline since the day before: not an alarm of the day, but 2 h of it offline (16:00Z-18:00Z)
                incident(alarm("ent-a", "grid-1", "tank-1", "lel-3", AlarmEvent.OFFLINE, AlarmLevel.FIRST,
                        Instant.parse("2026-12-04T15:00:00Z")), 60L, Instant.parse("2026-12-04T18:00:00Z"), 20_000L,
                        null, false),
                // offline from 15:00Z and still: 1 h of the day, an alarm of the day, not acknowledged
                incident(alarm("ent-b", "grid-2", "room-1", "nh3-2", AlarmEvent.OFFLINE, AlarmLevel.FIRST,
                        Instant.parse("2026-12-05T15:00:00Z")), null, null, null, null, false),
                // casework: a missing commitment counts as such, not as an alarm
                ReportFixtures.casework("ent-c", CaseAlarms.COMMITMENT_MISSING, Instant.parse("2026-12-05T01:30:00Z")),
                // the next park day
                incident(alarm("ent-a", "grid-1", "tank-1", "lel-1", "THRESHOLD", AlarmLevel.FIRST,
                        Instant.parse("2026-12-05T16:00:00Z")), null, null, null, null, false));
    }

    static DutyReport report() {
        return ReportFigures.compute(DAY, ZONE, incidents(), List.of(
                        ReportFixtures.danger("d1", Instant.parse("2026-12-05T04:00:00Z"),
                                Instant.parse("2026-12-05T10:00:00Z"), null, null),
                        ReportFixtures.danger("d2", Instant.parse("2026-12-01T04:00:00Z"),
                                Instant.parse("2026-12-05T02:00:00Z"), Instant.parse("2026-12-05T05:00:00Z"), null),
                        ReportFixtures.danger("d3", Instant.parse("2026-11-20T04:00:00Z"), null,
                                Instant.parse("2026-11-25T04:00:00Z"), Instant.parse("2026-12-05T06:00:00Z"))),
                List.of(ReportFixtures.task("t1", Instant.parse("2026-12-03T00:00:00Z"),
                                Instant.parse("2026-12-06T00:00:00Z"), Instant.parse("2026-12-05T07:00:00Z")),
                        ReportFixtures.task("t2", Instant.parse("2026-12-03T00:00:00Z"),
                                Instant.parse("2026-12-05T08:00:00Z"), null),
                        ReportFixtures.task("t3", Instant.parse("2026-12-01T00:00:00Z"),
                                Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-01T12:00:00Z"))),
                NOW);
    }

    @Test
    void countsTheDaysAlarmsByEnterpriseGridCellTypeAndLevelWithoutCaseworkOrOtherDays() {
        DutyReport r = report();

        assertThat(r.id()).isEqualTo("daily/2026-12-05");
        assertThat(r.from()).isEqualTo(Instant.parse("2026-12-04T16:00:00Z"));
        assertThat(r.complete()).isTrue();
        assertThat(r.alarms().total()).isEqualTo(4);
        assertThat(r.alarms().byLevel()).isEqualTo(Map.of("FIRST", 3, "SECOND", 1));
        assertThat(r.alarms().stillOpen()).isEqualTo(2);
        assertThat(r.alarms().byEnterprise()).containsExactly(new Count("ent-a", 2, 1), new Count("ent-b", 2, 0));
        assertThat(r.alarms().byGridCell()).containsExactly(new Count("grid-1", 2, 1), new Count("grid-2", 2, 0));
        assertThat(r.alarms().byAlarmType()).containsExactly(new Count("THRESHOLD", 3, 1), new Count("OFFLINE", 1, 0));
    }

    @Test
    void timeToAcknowledgeAndToCloseAreNearestRankMedianAndP90() {
        DutyReport r = report();

        assertThat(r.acknowledge()).isEqualTo(new Timing(3, 180L, 600L));
        assertThat(r.close()).isEqualTo(new Timing(2, 900L, 3600L));
        assertThat(ReportFigures.rank(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), 0.9)).isEqualTo(9L);
        assertThat(ReportFigures.rank(List.of(), 0.5)).isNull();
    }

    @Test
    void feedbackOverdueAndFalseAlarmRateComeFromTheAnswers() {
        DutyReport.FeedbackFigures f = report().feedback();

        assertThat(f.answered()).isEqualTo(2);
        assertThat(f.overdue()).isEqualTo(1);
        assertThat(f.overdueIncidents()).hasSize(1).allMatch(id -> id.contains("lel-2"));
        assertThat(f.byCause()).isEqualTo(Map.of("REAL_RELEASE", 1, "SENSOR_FAULT", 1));
        assertThat(f.notReal()).isEqualTo(1);
        assertThat(f.falseAlarmRate()).isEqualTo(0.5);
    }

    @Test
    void sensorsOfflineLongestCountOnlyTheirTimeWithinTheDay() {
        assertThat(report().offline()).containsExactly(
                new Offline("ent-a", "grid-1", "tank-1", "lel-3", 7200, false),
                new Offline("ent-b", "grid-2", "room-1", "nh3-2", 3600, true));
    }

    @Test
    void dangersCommitmentsAndInspectionsOfTheDay() {
        DutyReport r = report();

        assertThat(r.dangers()).isEqualTo(new DutyReport.DangerFigures(1, 1, 1, 1));
        assertThat(r.commitments()).isEqualTo(new DutyReport.CommitmentFigures(1, List.of("ent-c")));
        assertThat(r.inspections()).isEqualTo(new DutyReport.InspectionFigures(1, 1));
    }

    @Test
    void aDayNotOverYetIsSoFarAndOverdueIsJudgedNow() {
        Instant midday = Instant.parse("2026-12-05T04:30:00Z");
        DutyReport r = ReportFigures.compute(DAY, ZONE, incidents(), List.of(ReportFixtures.danger("d1",
                Instant.parse("2026-12-05T04:00:00Z"), Instant.parse("2026-12-05T10:00:00Z"), null, null)), List.of(),
                midday);

        assertThat(r.complete()).isFalse();
        assertThat(r.dangers().overdue()).as("its deadline passes later today").isZero();
        assertThat(r.offline()).extracting(Offline::seconds).containsExactly(7200L);
    }

    @Test
    void aWeekIsMondayToSundayInTheParkAndAWeekNameIsChecked() {
        ReportPeriod week = ReportPeriod.parseWeek("2026-W49", ZONE);

        assertThat(week.firstDay()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(week.lastDay()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(week.id()).isEqualTo("weekly/2026-W49");
        assertThat(ReportPeriod.weekOf(LocalDate.of(2026, 12, 5), ZONE)).isEqualTo(week);
        DutyReport r = ReportFigures.compute(week, ZONE, incidents(), List.of(), List.of(), NOW);
        assertThat(r.alarms().total()).as("the day's 4, the offline one of the day before and the next day's").isEqualTo(6);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ReportPeriod.parseWeek("2026-W54", ZONE)))
                .hasMessageStartingWith("week:");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ReportPeriod.parseDay("5.12.2026", ZONE)))
                .hasMessageStartingWith("date:");
    }
}
