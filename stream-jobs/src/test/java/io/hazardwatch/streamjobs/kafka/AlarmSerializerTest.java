package io.hazardwatch.streamjobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AlarmSerializerTest {

    @Test
    void keysTheRecordByAlarmKeySoAnAlarmsTransitionsShareAPartition() {
        Instant t = Instant.parse("2026-11-24T08:00:00Z");
        String key = AlarmEvent.keyOf(new SensorKey("ent-a", "tank-1", "lel-1"), AlarmEvent.THRESHOLD);
        AlarmEvent event = new AlarmEvent(AlarmEvent.SCHEMA, key, "ent-a", "tank-1", "lel-1",
                SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.FIRST, AlarmTransition.RAISED, 25.0,
                25.0, "%LEL", "threshold:ent-a/tank-1/lel-1", 1, t, t, t.plusMillis(40));

        ProducerRecord<byte[], byte[]> record = new AlarmSerializer("alarms").serialize(event, null, null);

        assertThat(record.topic()).isEqualTo("alarms");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("ent-a/tank-1/lel-1/THRESHOLD");
        assertThat(Json.fromBytes(record.value(), AlarmEvent.class)).isEqualTo(event);
    }
}
