package io.hazardwatch.alerts.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Disposal;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schedule by standing, follow-ups of real releases and calibration after false alarms, on a driven clock. */
class TaskPlannerTest {

    static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final Standing PRIORITY_A = new Standing() {
        @Override
        public boolean priority(String enterprise) {
            return enterprise.equals("ent-a");
        }

        @Override
        public boolean watch(String enterprise) {
            return enterprise.equals("ent-b");
        }
    };

    private final TaskPlanner planner = new TaskPlanner(InspectionRules.defaults(), FalseAlarmPattern.defaults(),
            PRIORITY_A);
    private final List<InspectionTask> tasks = new ArrayList<>();

    @Test
    void anEnterpriseNeverInspectedGetsItsFirstScheduledTaskDueInThreeDays() {
        List<TaskPlanner.Draft> drafts = planner.scheduled(List.of("ent-c"), tasks, NOW);
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(TaskKind.SCHEDULED);
            assertThat(d.due()).isEqualTo(NOW.plus(Duration.ofDays(3)));
        });
    }

    @Test
    void thePriorityListIsInspectedEverySevenDaysTheWatchListFourteenOthersThirty() {
        tasks.add(done("ent-a", TaskKind.SCHEDULED, NOW.minus(Duration.ofDays(8))));
        tasks.add(done("ent-b", TaskKind.SCHEDULED, NOW.minus(Duration.ofDays(8))));
        tasks.add(done("ent-c", TaskKind.FROM_ALARM, NOW.minus(Duration.ofDays(29))));
        assertThat(planner.scheduled(List.of("ent-a", "ent-b", "ent-c"), tasks, NOW))
                .extracting(TaskPlanner.Draft::enterprise).containsExactly("ent-a");
        assertThat(planner.scheduled(List.of("ent-a", "ent-b"), tasks, NOW.plus(Duration.ofDays(6))))
                .extracting(TaskPlanner.Draft::enterprise).containsExactly("ent-a", "ent-b");
        assertThat(planner.scheduled(List.of("ent-c"), tasks, NOW.plus(Duration.ofDays(1))))
                .extracting(TaskPlanner.Draft::enterprise).containsExactly("ent-c");
    }

    @Test
    void noSecondScheduledTaskWhileOneIsOpenAndACancelledOneRestartsTheInterval() {
        tasks.add(open("ent-c", TaskKind.SCHEDULED, null, null));
        assertThat(planner.scheduled(List.of("ent-c"), tasks, NOW.plus(Duration.ofDays(90)))).isEmpty();
        tasks.set(0, tasks.get(0).cancel("closed for the winter", "duty", NOW));
        assertThat(planner.scheduled(List.of("ent-c"), tasks, NOW.plus(Duration.ofDays(29)))).isEmpty();
        assertThat(planner.scheduled(List.of("ent-c"), tasks, NOW.plus(Duration.ofDays(30)))).hasSize(1);
    }

    @Test
    void anIncidentClosedAsARealReleaseGetsOneFollowUpDueThreeDaysAfterClosing() {
        Incident real = incident("dev-1", "gas-1", NOW.minus(Duration.ofHours(5)), Cause.REAL_RELEASE, true);
        Incident fault = incident("dev-1", "gas-2", NOW.minus(Duration.ofHours(5)), Cause.SENSOR_FAULT, true);
        Incident stillOpen = incident("dev-1", "gas-3", NOW.minus(Duration.ofHours(5)), Cause.REAL_RELEASE, false);
        List<TaskPlanner.Draft> drafts = planner.followUps(List.of(real, fault, stillOpen), tasks, NOW);
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(TaskKind.FROM_ALARM);
            assertThat(d.origin()).isEqualTo(real.id());
            assertThat(d.sensor()).isEqualTo("dev-1/gas-1");
            assertThat(d.due()).isEqualTo(real.disposal().at().plus(Duration.ofDays(3)));
        });
        tasks.add(open("ent-a", TaskKind.FROM_ALARM, real.id(), "dev-1/gas-1"));
        assertThat(planner.followUps(List.of(real, fault, stillOpen), tasks, NOW)).isEmpty();
    }

    @Test
    void threeFalseAlarmsOfOneSensorWithinThirtyDaysMakeOneCalibrationTaskMaintenanceAndTestsDoNotCount() {
        List<Incident> incidents = new ArrayList<>(List.of(
                incident("dev-1", "gas-1", NOW.minus(Duration.ofDays(40)), Cause.SENSOR_FAULT, true),
                incident("dev-1", "gas-1", NOW.minus(Duration.ofDays(20)), Cause.SENSOR_FAULT, true),
                incident("dev-1", "gas-1", NOW.minus(Duration.ofDays(10)), Cause.MAINTENANCE, true),
                incident("dev-1", "gas-1", NOW.minus(Duration.ofDays(9)), Cause.TEST, true),
                incident("dev-1", "gas-1", NOW.minus(Duration.ofDays(5)), Cause.FALSE_ALARM, true),
                incident("dev-1", "gas-2", NOW.minus(Duration.ofDays(5)), Cause.FALSE_ALARM, true)));
        assertThat(planner.calibrations(incidents, tasks, NOW)).isEmpty();

        Incident third = incident("dev-1", "gas-1", NOW.minus(Duration.ofDays(1)), Cause.SENSOR_FAULT, false);
        incidents.add(third);
        List<TaskPlanner.Draft> drafts = planner.calibrations(incidents, tasks, NOW);
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(TaskKind.CALIBRATION);
            assertThat(d.enterprise()).isEqualTo("ent-a");
            assertThat(d.sensor()).isEqualTo("dev-1/gas-1");
            assertThat(d.origin()).isEqualTo(third.id());
            assertThat(d.due()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        });

        // created once while it is open; once done, only false alarms after it count again
        InspectionTask calibration = InspectionTask.open("task-1", "ent-a", "grid-1", null, TaskKind.CALIBRATION,
                third.id(), "dev-1/gas-1", NOW.plus(Duration.ofDays(7)), "calibrate", "system", NOW);
        tasks.add(calibration);
        assertThat(planner.calibrations(incidents, tasks, NOW.plus(Duration.ofHours(1)))).isEmpty();
        tasks.set(0, calibration.done(result(), "grid1", NOW.plus(Duration.ofDays(2))));
        assertThat(planner.calibrations(incidents, tasks, NOW.plus(Duration.ofDays(2)))).isEmpty();
        incidents.add(incident("dev-1", "gas-1", NOW.plus(Duration.ofDays(3)), Cause.FALSE_ALARM, true));
        incidents.add(incident("dev-1", "gas-1", NOW.plus(Duration.ofDays(4)), Cause.FALSE_ALARM, true));
        assertThat(planner.calibrations(incidents, tasks, NOW.plus(Duration.ofDays(5)))).isEmpty();
        incidents.add(incident("dev-1", "gas-1", NOW.plus(Duration.ofDays(5)), Cause.SENSOR_FAULT, true));
        assertThat(planner.calibrations(incidents, tasks, NOW.plus(Duration.ofDays(6)))).hasSize(1);
    }

    @Test
    void dueCombinesTheScheduleFollowUpsAndCalibrations() {
        Incident real = incident("dev-1", "gas-1", NOW.minus(Duration.ofHours(5)), Cause.REAL_RELEASE, true);
        assertThat(planner.due(List.of("ent-a"), List.of(real), tasks, NOW)).extracting(TaskPlanner.Draft::kind)
                .containsExactly(TaskKind.SCHEDULED, TaskKind.FROM_ALARM);
    }

    static TaskResult result() {
        return new TaskResult(LocalDate.of(2026, 12, 6), "grid1", "all checked", List.of());
    }

    private static InspectionTask open(String enterprise, TaskKind kind, String origin, String sensor) {
        return InspectionTask.open("task-" + enterprise + "-" + kind, enterprise, "grid-1", null, kind, origin, sensor,
                NOW.plus(Duration.ofDays(3)), "t", "system", NOW.minus(Duration.ofDays(100)));
    }

    private static InspectionTask done(String enterprise, TaskKind kind, Instant at) {
        return open(enterprise, kind, null, null).done(result(), "grid1", at);
    }

    /** An incident of ent-a's sensor opened at {@code opened}, answered with {@code cause}, closed or not. */
    static Incident incident(String device, String sensor, Instant opened, Cause cause, boolean closed) {
        ActiveAlarm alarm = new ActiveAlarm("ent-a/" + device + "/" + sensor + "/THRESHOLD", AlarmLevel.FIRST, "ent-a",
                "grid-1", device, sensor, SensorType.COMBUSTIBLE_GAS, "THRESHOLD", 30, 25.0, "%LEL", "r", 1, opened,
                opened, null, null);
        Feedback feedback = new Feedback(null, new Feedback.Report(cause, "checked", "Li", "hengda", opened.plusSeconds(600)),
                List.of(), null, List.of());
        Instant cleared = opened.plusSeconds(300);
        return new Incident(Incident.idOf(alarm.alarmKey(), opened), alarm, opened, false, cleared, null,
                closed ? new Disposal("duty", opened.plusSeconds(3600), "verified", null) : null, List.of(), Set.of(),
                Map.of(), List.of(), null, List.of(), 3, feedback, null);
    }
}
