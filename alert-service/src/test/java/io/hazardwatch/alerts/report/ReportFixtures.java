package io.hazardwatch.alerts.report;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.danger.DangerSource;
import io.hazardwatch.alerts.danger.DangerStatus;
import io.hazardwatch.alerts.danger.HiddenDanger;
import io.hazardwatch.alerts.danger.Severity;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Disposal;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.Stamp;
import io.hazardwatch.alerts.inspection.InspectionTask;
import io.hazardwatch.alerts.inspection.TaskKind;
import io.hazardwatch.alerts.inspection.TaskResult;
import io.hazardwatch.alerts.inspection.TaskStatus;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Built records for the report tests: incidents, hidden dangers and tasks with the times a test names. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    static ActiveAlarm alarm(String enterprise, String cell, String device, String sensor, String type, AlarmLevel level,
                             Instant raisedAt) {
        return new ActiveAlarm(enterprise + "/" + device + "/" + sensor + "/" + type, level, enterprise, cell, device,
                sensor, SensorType.COMBUSTIBLE_GAS, type, 30, 25.0, "%LEL", "r", 1, raisedAt, raisedAt, null, null);
    }

    /**
     * An incident of {@code alarm} opened at its raisedAt; acknowledged after {@code ackSeconds} (null: not), cleared
     * at {@code clearedAt} (null: active), closed after {@code closeSeconds} (null: not), with a reported
     * {@code cause} (null: none) and a late answer (or not).
     */
    static Incident incident(ActiveAlarm alarm, Long ackSeconds, Instant clearedAt, Long closeSeconds, Cause cause,
                             boolean late) {
        Instant opened = alarm.raisedAt();
        Feedback feedback = new Feedback(null, cause == null ? null
                : new Feedback.Report(cause, "valve closed", "Li", "ent-user", opened.plusSeconds(600)),
                List.of(), null, late ? List.of("report") : List.of());
        return new Incident(Incident.idOf(alarm.alarmKey(), opened), alarm, opened, clearedAt == null, clearedAt,
                ackSeconds == null ? null : new Stamp("duty", opened.plusSeconds(ackSeconds)),
                closeSeconds == null ? null : new Disposal("duty", opened.plusSeconds(closeSeconds), "checked", null),
                List.of(), Set.of(), Map.of(), List.of(), null, List.of(), 1, feedback, null);
    }

    static Incident casework(String enterprise, String type, Instant opened) {
        return incident(alarm(enterprise, "grid-1", CaseAlarms.DEVICE, "case-1", type, AlarmLevel.FIRST, opened),
                null, null, null, null, false);
    }

    static HiddenDanger danger(String id, Instant created, Instant overdueSince, Instant accepted, Instant closed) {
        DangerStatus status = closed != null ? DangerStatus.CLOSED : accepted != null ? DangerStatus.ACCEPTED
                : DangerStatus.RECTIFYING;
        return new HiddenDanger(id, "ent-a", "grid-1", "tank farm", "guard loose", "", Severity.GENERAL,
                DangerSource.DUTY_ROOM, List.of(), null, null, "fix", created.plusSeconds(86_400), "Li", null, status,
                List.of(), List.of(), overdueSince, null, "duty", created, accepted, closed);
    }

    static InspectionTask task(String id, Instant created, Instant due, Instant doneAt) {
        return new InspectionTask(id, "ent-a", "grid-1", "grid1", TaskKind.SCHEDULED, null, null, due,
                doneAt == null ? TaskStatus.OPEN : TaskStatus.DONE,
                doneAt == null ? null : new TaskResult(LocalDate.of(2026, 12, 5), "grid1", "ok", List.of()),
                "routine", created, doneAt, List.of());
    }
}
