package io.hazardwatch.alerts.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.board.BoardRow;
import io.hazardwatch.alerts.store.StateRecords;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dispatch's answer and a message's sent time: kept on the incident, in its stored record and on its board row. */
class DispatchReplyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private static Incident open() {
        AlarmEvent raised = new AlarmEvent(AlarmEvent.SCHEMA, "threshold:ent-a/tank-1/lel-1", "ent-a", "tank-1", "lel-1",
                SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.SECOND, AlarmTransition.RAISED, 55, 50.0,
                "%LEL", "r1", 1, T0, T0, T0);
        return Incident.open(raised, "grid-1", T0);
    }

    @Test
    void theAnswerIsKeptWithItsUnitAuditedAndShownOnTheRow() {
        Incident acknowledged = open().withDispatchReply(new DispatchReply(DispatchReply.Status.ACKNOWLEDGED, null,
                T0.plusSeconds(60), T0.plusSeconds(61)), "dispatch");
        Incident assigned = acknowledged.withDispatchReply(new DispatchReply(DispatchReply.Status.UNIT_ASSIGNED, "消防3队",
                T0.plusSeconds(120), T0.plusSeconds(121)), "dispatch");
        Incident again = assigned.withDispatchReply(new DispatchReply(DispatchReply.Status.ACKNOWLEDGED, " ",
                T0.plusSeconds(180), T0.plusSeconds(181)), "dispatch");

        assertThat(acknowledged.history().get(acknowledged.history().size() - 1))
                .extracting(IncidentEvent::type, IncidentEvent::actor, IncidentEvent::detail)
                .containsExactly(IncidentEvent.Type.DISPATCH_REPLY, "dispatch", "ACKNOWLEDGED at 2026-11-24T08:01:00Z");
        assertThat(assigned.dispatch().unit()).isEqualTo("消防3队");
        assertThat(again.dispatch().unit()).as("a unit named once stays named").isEqualTo("消防3队");
        assertThat(BoardRow.of(assigned).dispatch()).isEqualTo(assigned.dispatch());
        assertThat(BoardRow.of(open()).dispatch()).isNull();
    }

    @Test
    void aUnitIsRequiredWhenAssignedAndBounded() {
        assertThatThrownBy(() -> new DispatchReply(DispatchReply.Status.UNIT_ASSIGNED, null, T0, T0))
                .hasMessageStartingWith("unit");
        assertThatThrownBy(() -> new DispatchReply(DispatchReply.Status.UNIT_ASSIGNED, "队".repeat(101), T0, T0))
                .hasMessageStartingWith("unit");
    }

    @Test
    void theAnswerAndTheSentTimeSurviveTheStoredRecord() {
        Incident incident = open().queue(List.of(DeliveryRecord.queued("x/dispatch/TRIGGER", "dispatch/TRIGGER",
                "emergency dispatch", "dispatch", "x", T0, T0)), "dispatch", T0);
        DeliveryRecord sent = incident.deliveries().get(0).sent("hw-1/x", T0.plusSeconds(7), T0.plusSeconds(8));
        incident = incident.withDelivery(sent, T0.plusSeconds(8)).withDispatchReply(
                new DispatchReply(DispatchReply.Status.UNIT_ASSIGNED, "消防3队", T0.plusSeconds(60), T0.plusSeconds(61)),
                "dispatch");

        Incident stored = Json.fromBytes(StateRecords.incident("incident/" + incident.id(), incident), Incident.class);

        assertThat(stored.dispatch()).isEqualTo(incident.dispatch());
        assertThat(stored.deliveries().get(0).sentAt()).isEqualTo(T0.plusSeconds(7));
        assertThat(stored).isEqualTo(StateRecords.compact(incident));
    }
}
