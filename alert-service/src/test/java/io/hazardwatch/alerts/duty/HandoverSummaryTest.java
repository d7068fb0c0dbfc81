package io.hazardwatch.alerts.duty;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.danger.DangerSource;
import io.hazardwatch.alerts.danger.HiddenDanger;
import io.hazardwatch.alerts.danger.Severity;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.inspection.InspectionTask;
import io.hazardwatch.alerts.inspection.TaskKind;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-over's summary built from real books' records, and the hand-over's round trip through its stored JSON. */
class HandoverSummaryTest {

    static final Instant NOW = Instant.parse("2026-12-07T11:45:00Z"); // 19:45 in the park, before the night shift

    static Incident incident(String enterprise, String sensor, AlarmLevel level, Instant at) {
        AlarmEvent event = new AlarmEvent(AlarmEvent.SCHEMA, enterprise + "/tank-1/" + sensor + "/THRESHOLD", enterprise,
                "tank-1", sensor, SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, level, AlarmTransition.RAISED, 30,
                25.0, "%LEL", "threshold", 1, at, at, at);
        return Incident.open(event, "grid-1", at);
    }

    static HiddenDanger danger(String id, String enterprise, Instant deadline) {
        return HiddenDanger.report(id, enterprise, "grid-1", "tank farm", "valve leaks " + id, null, Severity.GENERAL,
                DangerSource.INSPECTION, List.of(), null, null, "replace packing", deadline, null, "grid1",
                NOW.minus(Duration.ofDays(10)));
    }

    static HandoverSummary.Books books() {
        Incident unacked = incident("ent-a", "lel-1", AlarmLevel.SECOND, NOW.minusSeconds(600));
        Incident acked = incident("ent-b", "nh3-1", AlarmLevel.FIRST, NOW.minusSeconds(1200)).acknowledge("duty", NOW);
        Incident answerDue = incident("ent-b", "nh3-2", AlarmLevel.FIRST, NOW.minusSeconds(300))
                .acknowledge("duty", NOW).withFeedbackDeadlines(NOW.plusSeconds(600), NOW.plusSeconds(3600));
        Incident answerLate = incident("ent-a", "lel-2", AlarmLevel.FIRST, NOW.minusSeconds(7200))
                .acknowledge("duty", NOW).withFeedbackDeadlines(NOW.minusSeconds(3600), NOW.plusSeconds(3600));
        InspectionTask overdue = InspectionTask.open("task-1", "ent-a", "grid-1", "grid1", TaskKind.SCHEDULED, null,
                null, NOW.minus(Duration.ofDays(1)), "routine", "system", NOW.minus(Duration.ofDays(8)));
        InspectionTask later = InspectionTask.open("task-2", "ent-b", "grid-1", "grid1", TaskKind.SCHEDULED, null,
                null, NOW.plus(Duration.ofDays(5)), "routine", "system", NOW.minus(Duration.ofDays(1)));
        return new HandoverSummary.Books(List.of(unacked, acked, answerDue, answerLate),
                List.of(danger("danger-1", "ent-a", NOW.minus(Duration.ofDays(1))),
                        danger("danger-2", "ent-b", NOW.plus(Duration.ofDays(2))),
                        danger("danger-3", "ent-b", NOW.plus(Duration.ofDays(20)))),
                List.of(overdue, later), List.of("ent-c"));
    }

    @Test
    void summarisesOpenIncidentsAnswersDangersCommitmentsAndTasksAsTheyAreNow() {
        HandoverSummary summary = HandoverSummary.of(books(), NOW);

        assertThat(summary.openIncidents()).isEqualTo(4);
        assertThat(summary.openByLevel()).isEqualTo(Map.of(AlarmLevel.FIRST, 3, AlarmLevel.SECOND, 1));
        assertThat(summary.unacknowledged()).extracting(HandoverSummary.Line::enterprise).containsExactly("ent-a");
        assertThat(summary.feedbackDue()).extracting(HandoverSummary.Line::text).containsExactly("confirm");
        assertThat(summary.feedbackLate()).extracting(HandoverSummary.Line::enterprise).containsExactly("ent-a");
        assertThat(summary.dangersOverdue()).extracting(HandoverSummary.Line::id).containsExactly("danger-1");
        assertThat(summary.dangersDue()).extracting(HandoverSummary.Line::id).containsExactly("danger-2");
        assertThat(summary.commitmentsMissing()).containsExactly("ent-c");
        assertThat(summary.tasksOverdue()).extracting(HandoverSummary.Line::id).containsExactly("task-1");
    }

    @Test
    void aHandoverRoundTripsThroughItsStoredJsonAndIsLateFifteenMinutesIntoTheShift() {
        Slot night = new Slot(LocalDate.of(2026, 12, 7), "night", Instant.parse("2026-12-07T12:00:00Z"),
                Instant.parse("2026-12-08T00:00:00Z"), "bob", "Li", false, null);
        Handover written = Handover.write("handover-20261207-1", "alice", night, "pump P-3 under repair",
                HandoverSummary.of(books(), NOW), NOW);

        Handover back = Json.MAPPER.convertValue(Json.MAPPER.convertValue(written, Object.class), Handover.class);

        assertThat(back).isEqualTo(written);
        assertThat(back.incoming()).isEqualTo("bob");
        assertThat(back.lateAt(night.start().plusSeconds(14 * 60))).isFalse();
        assertThat(back.lateAt(night.start().plusSeconds(15 * 60))).isTrue();
        Handover acked = back.acknowledge("bob", night.start().plusSeconds(60));
        assertThat(acked.lateAt(night.start().plusSeconds(3600))).isFalse();
        assertThat(acked.history()).extracting(Handover.Event::what).containsExactly("written for 2026-12-07 night (bob)",
                "acknowledged");
    }
}
