package io.hazardwatch.streamjobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.Json;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ReadingDeserializerTest {

    private static final Reading READING = new Reading(Reading.SCHEMA, "ent-a", "tank-1", "lel-1",
            SensorType.COMBUSTIBLE_GAS, 12.5, "%LEL", Instant.parse("2026-11-24T08:00:00Z"),
            Instant.parse("2026-11-24T08:00:00.200Z"));

    private final ReadingDeserializer deserializer = new ReadingDeserializer();

    @Test
    void readsAReadingWrittenWithTheSharedJson() throws Exception {
        assertThat(deserialize(Json.toBytes(READING))).containsExactly(READING);
    }

    @Test
    void skipsRecordsThatAreNotReadingsInsteadOfFailingTheJob() throws Exception {
        assertThat(deserialize("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(deserialize("{\"schema\":1,\"enterprise\":\"ent-a\"}".getBytes(StandardCharsets.UTF_8)))
                .as("missing required fields").isEmpty();
        assertThat(deserialize(Json.toString(READING).replace("COMBUSTIBLE_GAS", "PLUTONIUM")
                .getBytes(StandardCharsets.UTF_8))).as("unknown sensor type").isEmpty();
        assertThat(deserialize(null)).as("tombstone").isEmpty();
    }

    private List<Reading> deserialize(byte[] value) throws Exception {
        List<Reading> out = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>("readings", 0, 42L, "ent-a/tank-1/lel-1".getBytes(StandardCharsets.UTF_8), value),
                new ListCollector<>(out));
        return out;
    }
}
