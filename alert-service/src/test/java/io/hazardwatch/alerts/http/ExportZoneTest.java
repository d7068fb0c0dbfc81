package io.hazardwatch.alerts.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incidents' CSV export writes its times in the park's time zone, with the offset. */
class ExportZoneTest {

    @Test
    void theIncidentExportWritesTimesInTheParksZone() {
        Instant raised = Instant.parse("2026-11-24T17:00:00Z");
        Incident incident = Incident.open(new AlarmEvent(AlarmEvent.SCHEMA, "threshold:ent-a/tank-1/lel-1", "ent-a",
                "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.FIRST,
                AlarmTransition.RAISED, 30, 25.0, "%LEL", "r1", 1, raised, raised, raised), "grid-1", raised)
                .acknowledge("duty", raised.plusSeconds(90));

        String row = IncidentCsv.of(List.of(incident), ZoneId.of("Asia/Shanghai")).lines().toList().get(1);

        assertThat(row).contains(",2026-11-25T01:00:00+08:00,2026-11-25T01:00:00+08:00,,duty,2026-11-25T01:01:30+08:00,")
                .doesNotContain("Z,");
    }
}
