package io.hazardwatch.alerts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlarmEventDecoderTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void decodesAnAlarmEventWrittenWithTheModelJson() {
        AlarmEvent event = event(1, AlarmTransition.RAISED, AlarmLevel.FIRST, T0);

        assertThat(AlarmEventDecoder.decode(Json.toBytes(event))).isEqualTo(event);
    }

    @Test
    void rejectsTextThatIsNotJsonWithAOneLineReason() {
        assertThatThrownBy(() -> AlarmEventDecoder.decode("{not json\n at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AlarmEvent")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void rejectsAnEmptyRecord() {
        assertThatThrownBy(() -> AlarmEventDecoder.decode(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> AlarmEventDecoder.decode(null)).hasMessageContaining("empty");
    }

    @Test
    void rejectsAnEventWithoutEpisodeStart() {
        assertThatThrownBy(() -> AlarmEventDecoder.decode(Json.toBytes(event(1, AlarmTransition.RAISED, AlarmLevel.FIRST, null))))
                .hasMessage("episodeStart: required");
    }

    @Test
    void rejectsAnotherSchemaVersion() {
        assertThatThrownBy(() -> AlarmEventDecoder.decode(Json.toBytes(event(2, AlarmTransition.RAISED, AlarmLevel.FIRST, T0))))
                .hasMessageStartingWith("schema 2");
    }

    @Test
    void rejectsARaiseToLevelNoneButAcceptsAClearedAtLevelNone() {
        assertThatThrownBy(() -> AlarmEventDecoder.decode(Json.toBytes(event(1, AlarmTransition.RAISED, AlarmLevel.NONE, T0))))
                .hasMessageStartingWith("level:");
        assertThat(AlarmEventDecoder.decode(Json.toBytes(event(1, AlarmTransition.CLEARED, AlarmLevel.NONE, T0))).transition())
                .isEqualTo(AlarmTransition.CLEARED);
    }

    @Test
    void rejectsAnEventWithoutEnterpriseOrAlarmTypeSoThatItNeverReachesTheIncidents() {
        AlarmEvent noEnterprise = new AlarmEvent(1, "ent-a/tank-1/lel-1/THRESHOLD", null, "tank-1", "lel-1",
                SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.FIRST, AlarmTransition.RAISED, 30, 25.0,
                "%LEL", "threshold:ent-a/tank-1/lel-1", 1, T0, T0, T0.plusMillis(300));
        AlarmEvent noType = new AlarmEvent(1, "ent-a/tank-1/lel-1/THRESHOLD", "ent-a", "tank-1", "lel-1",
                SensorType.COMBUSTIBLE_GAS, " ", AlarmLevel.FIRST, AlarmTransition.RAISED, 30, 25.0,
                "%LEL", "threshold:ent-a/tank-1/lel-1", 1, T0, T0, T0.plusMillis(300));

        assertThatThrownBy(() -> AlarmEventDecoder.decode(Json.toBytes(noEnterprise))).hasMessage("enterprise: required");
        assertThatThrownBy(() -> AlarmEventDecoder.decode(Json.toBytes(noType))).hasMessage("alarmType: required");
    }

    private static AlarmEvent event(int schema, AlarmTransition transition, AlarmLevel level, Instant episodeStart) {
        return new AlarmEvent(schema, "ent-a/tank-1/lel-1/THRESHOLD", "ent-a", "tank-1", "lel-1",
                SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, level, transition, 30, 25.0, "%LEL",
                "threshold:ent-a/tank-1/lel-1", 1, episodeStart, T0, T0.plusMillis(300));
    }
}
