package io.hazardwatch.alerts.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private static Incident incident(String device, String sensor, String type, AlarmLevel level) {
        String key = "ent-a/" + device + "/" + sensor + "/" + type;
        return Incident.open(new AlarmEvent(AlarmEvent.SCHEMA, key, "ent-a", device, sensor, SensorType.COMBUSTIBLE_GAS,
                type, level, AlarmTransition.RAISED, 30, 25.0, "%LEL", "r", 1, T0, T0, T0), "grid-1", T0);
    }

    @Test
    void aMaintenanceWindowSilencesMatchingAlarmsOnlyWhileItLasts() {
        Incident gas = incident("tank-1", "lel-1", "THRESHOLD", AlarmLevel.FIRST);
        Silence calibration = new Silence("s1", "ent-a", "tank-1", null, null, T0, T0.plusSeconds(3600),
                "detector calibration", "duty", T0, false);
        Silence otherDevice = new Silence("s2", "ent-a", "tank-2", null, null, T0, T0.plusSeconds(3600), "x", "duty", T0, false);

        assertThat(Suppression.reasonFor(gas, List.of(gas), List.of(calibration), T0.plusSeconds(10)))
                .hasValueSatisfying(r -> assertThat(r).contains("silence s1", "detector calibration"));
        assertThat(Suppression.reasonFor(gas, List.of(gas), List.of(calibration), T0.plusSeconds(3600))).isEmpty();
        assertThat(Suppression.reasonFor(gas, List.of(gas), List.of(otherDevice), T0)).isEmpty();
        assertThat(Suppression.reasonFor(gas, List.of(gas), List.of(calibration.removedBy("duty", T0)), T0)).isEmpty();
    }

    @Test
    void anOfflineDeviceInhibitsItsSensorsValueAlarmsButNotOtherDevices() {
        Incident offline = incident("tank-1", "", AlarmEvent.OFFLINE, AlarmLevel.FIRST);
        Incident gas = incident("tank-1", "lel-1", "THRESHOLD", AlarmLevel.SECOND);
        Incident elsewhere = incident("tank-2", "lel-1", "THRESHOLD", AlarmLevel.SECOND);
        List<Incident> active = List.of(offline, gas, elsewhere);

        assertThat(Suppression.reasonFor(gas, active, List.of(), T0)).hasValueSatisfying(r -> assertThat(r).contains("offline"));
        assertThat(Suppression.reasonFor(elsewhere, active, List.of(), T0)).isEmpty();
        assertThat(Suppression.reasonFor(offline, active, List.of(), T0)).isEmpty();
    }

    @Test
    void aLevelTwoAlarmInhibitsTheSameSensorsLevelOneAlarms() {
        Incident trend = incident("tank-1", "lel-1", AlarmEvent.TREND, AlarmLevel.FIRST);
        Incident threshold = incident("tank-1", "lel-1", "THRESHOLD", AlarmLevel.SECOND);
        Incident otherSensor = incident("tank-1", "lel-2", AlarmEvent.TREND, AlarmLevel.FIRST);
        List<Incident> active = List.of(trend, threshold, otherSensor);

        assertThat(Suppression.reasonFor(trend, active, List.of(), T0)).hasValueSatisfying(r -> assertThat(r).contains("level 2"));
        assertThat(Suppression.reasonFor(threshold, active, List.of(), T0)).isEmpty();
        assertThat(Suppression.reasonFor(otherSensor, active, List.of(), T0)).isEmpty();
    }
}
