package io.hazardwatch.alerts.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentStatus;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoardRowTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void aRaisedAlarmsRowIsActiveAwaitsAcknowledgementAndCarriesTheIncidentsIdAndGridCell() {
        Incident raised = Incident.open(event("ent-a", AlarmTransition.RAISED, AlarmLevel.FIRST, 30, T0), "grid-1", T0);

        BoardRow row = BoardRow.of(raised);

        assertThat(row.id()).isEqualTo(Incident.idOf("ent-a/d/s/THRESHOLD", T0)).isEqualTo(raised.id());
        assertThat(row.status()).isEqualTo(IncidentStatus.RAISED);
        assertThat(row.version()).isEqualTo(raised.version());
        assertThat(row.active()).isTrue();
        assertThat(row.awaitsAcknowledgement()).isTrue();
        assertThat(row.commentCount()).isZero();
        assertThat(row.alarm()).isEqualTo(raised.alarm());
        assertThat(row.alarm().gridCell()).isEqualTo("grid-1");
    }

    @Test
    void theRowFollowsTheIncidentsStatusThroughAcknowledgementAndClearing() {
        Incident raised = Incident.open(event("ent-a", AlarmTransition.RAISED, AlarmLevel.FIRST, 30, T0), "grid-1", T0);
        Incident acknowledged = raised.acknowledge("duty", T0.plusSeconds(5)).comment("duty", "on my way", T0.plusSeconds(6));
        Incident cleared = acknowledged.onTransition(event("ent-a", AlarmTransition.CLEARED, AlarmLevel.NONE, 5,
                T0.plusSeconds(60)), T0.plusSeconds(60));

        BoardRow row = BoardRow.of(cleared);

        assertThat(row.status()).isEqualTo(IncidentStatus.CLEARED);
        assertThat(row.active()).isFalse();
        assertThat(row.awaitsAcknowledgement()).isFalse();
        assertThat(row.commentCount()).isEqualTo(1);
        assertThat(row.version()).isGreaterThan(BoardRow.of(acknowledged).version());
    }

    @Test
    void aSnapshotHasTheVisibleIncidentsInDutyOrder() {
        Incident first = Incident.open(event("ent-a", AlarmTransition.RAISED, AlarmLevel.FIRST, 30, T0), "grid-1", T0);
        Incident second = Incident.open(event("ent-a", AlarmTransition.RAISED, AlarmLevel.SECOND, 60, T0.minusSeconds(5)),
                "grid-1", T0);
        Incident hidden = Incident.open(event("ent-b", AlarmTransition.RAISED, AlarmLevel.SECOND, 60, T0), "grid-2", T0);

        List<BoardRow> rows = BoardRow.of(List.of(first, second, hidden), a -> a.enterprise().equals("ent-a"));

        assertThat(rows).extracting(BoardRow::id).containsExactly(second.id(), first.id());
    }

    private static AlarmEvent event(String enterprise, AlarmTransition transition, AlarmLevel level, double value,
                                    Instant at) {
        Instant episode = transition == AlarmTransition.CLEARED ? T0 : at;
        return new AlarmEvent(AlarmEvent.SCHEMA, enterprise + "/d/s/THRESHOLD", enterprise, "d", "s",
                SensorType.AMMONIA, AlarmEvent.THRESHOLD, level, transition, value, 25.0, "ppm", "r", 1, episode, at, at);
    }
}
