package io.hazardwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readingRoundTripsWithSchemaVersionAndIsoTimes() {
        Reading reading = new Reading(Reading.SCHEMA, "ent-a", "dev-1", "gas-1", SensorType.COMBUSTIBLE_GAS,
                12.5, "%LEL", Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T08:00:00.120Z"));

        String json = Json.toString(reading);

        assertThat(json).contains("\"schema\":1", "\"eventTime\":\"2026-11-24T08:00:00Z\"", "\"sensorType\":\"COMBUSTIBLE_GAS\"");
        assertThat(Json.fromBytes(json.getBytes(), Reading.class)).isEqualTo(reading);
    }

    @Test
    void alarmEventRoundTrips() {
        Instant t = Instant.parse("2026-11-24T08:00:00Z");
        AlarmEvent event = new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/dev-1/gas-1/THRESHOLD", "ent-a", "dev-1", "gas-1",
                SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.SECOND, AlarmTransition.ESCALATED,
                55, 50.0, "%LEL", "threshold:ent-a/dev-1/gas-1", 3, t, t.plusSeconds(20), t.plusSeconds(21));

        assertThat(Json.fromBytes(Json.toBytes(event), AlarmEvent.class)).isEqualTo(event);
    }

    @Test
    void heartbeatRoundTripsAndLeavesOutWhatItDoesNotKnow() {
        Instant t = Instant.parse("2026-11-24T08:00:00Z");
        Heartbeat idle = new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.DETECTION, "detection-0", t, null, null, null,
                "idle");
        Heartbeat failing = new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.HISTORY, "history-1", t, t.minusSeconds(3),
                1200L, t.minusSeconds(61), "Connection refused");

        assertThat(Json.toString(idle)).doesNotContain("eventTime", "lagMillis", "failingSince");
        assertThat(idle.key()).isEqualTo("DETECTION/detection-0");
        assertThat(Json.fromBytes(Json.toBytes(idle), Heartbeat.class)).isEqualTo(idle);
        assertThat(Json.fromBytes(Json.toBytes(failing), Heartbeat.class)).isEqualTo(failing);
    }

    @Test
    void unknownFieldsAreRejectedNamingTheField() {
        String json = Json.toString(new Reading(Reading.SCHEMA, "e", "d", "s", SensorType.AMMONIA, 1, "ppm",
                Instant.EPOCH, Instant.EPOCH)).replace("{", "{\"bogus\":2,");

        assertThatThrownBy(() -> Json.fromBytes(json.getBytes(), Reading.class))
                .hasMessageContaining("bogus");
    }
}
