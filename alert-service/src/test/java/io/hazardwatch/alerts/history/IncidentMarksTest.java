package io.hazardwatch.alerts.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.casework.CaseAlarms;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.ReadingSeries;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

/** Which committed changes become points: opening, acknowledgement, clearing, closing — each once, sensors only. */
class IncidentMarksTest {

    private static final Instant T0 = Instant.parse("2026-12-05T01:00:00Z");
    private final IncidentMarks marks = new IncidentMarks();

    private static AlarmEvent gas(AlarmTransition transition, AlarmLevel level, double value, Instant at) {
        return new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/tank-1/lel-1/THRESHOLD", "ent-a", "tank-1", "lel-1",
                SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, level, transition, value, 25.0, "%LEL", "r", 1, T0, at,
                at.plusMillis(250));
    }

    @Test
    void eachEventOfAnIncidentsLifeIsMarkedOnceAndACommentIsNot() {
        Incident opened = Incident.open(gas(AlarmTransition.RAISED, AlarmLevel.FIRST, 30, T0), "grid-1", T0);
        assertThat(marks.newMarks(opened)).extracting(IncidentMarks.Mark::event).containsExactly(ReadingSeries.EVENT_OPENED);
        assertThat(marks.newMarks(opened)).as("the same change told again").isEmpty();

        Incident commented = opened.comment("duty", "on my way", T0.plusSeconds(10));
        assertThat(marks.newMarks(commented)).isEmpty();
        Incident acked = commented.acknowledge("duty", T0.plusSeconds(20));
        Incident cleared = acked.onTransition(gas(AlarmTransition.CLEARED, AlarmLevel.NONE, 5, T0.plusSeconds(30)),
                T0.plusSeconds(30));
        assertThat(marks.newMarks(cleared)).as("two changes committed together").extracting(IncidentMarks.Mark::event)
                .containsExactly(ReadingSeries.EVENT_ACKNOWLEDGED, ReadingSeries.EVENT_CLEARED);
        Incident closed = cleared.close("duty", "vented", null, T0.plusSeconds(60));
        assertThat(marks.newMarks(closed)).extracting(IncidentMarks.Mark::at).containsExactly(T0.plusSeconds(60));
    }

    @Test
    void caseworkIsNoSensorsMarkAndAPointCarriesTheSchemasTagsAndFields() {
        Incident casework = Incident.open(CaseAlarms.raised("ent-a", "danger-20261205-1", CaseAlarms.DANGER_OVERDUE,
                AlarmLevel.FIRST, T0, T0), "grid-1", T0);
        assertThat(marks.newMarks(casework)).isEmpty();

        Incident opened = Incident.open(gas(AlarmTransition.RAISED, AlarmLevel.FIRST, 30, T0), "grid-1", T0);
        Point point = IncidentMarkWriter.pointOf(marks.newMarks(opened).get(0));

        assertThat(point.lineProtocol(TimeUnit.MILLISECONDS)).isEqualTo("incident,alarm_type=THRESHOLD,device=tank-1,"
                + "enterprise=ent-a,event=opened,level=FIRST,sensor=lel-1 incident_id=\"" + opened.id()
                + "\",threshold=25.0,value=30.0 " + T0.toEpochMilli());
    }
}
