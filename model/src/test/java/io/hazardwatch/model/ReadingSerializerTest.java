package io.hazardwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written Reading serializer writes exactly what Jackson's record serializer writes. */
class ReadingSerializerTest {

    /** Json's mapper without the Reading serializer: Jackson's own record serialization. */
    private static final ObjectMapper JACKSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new IsoInstantModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void writesWhatJacksonsRecordSerializerWrites() throws Exception {
        Random random = new Random(17);
        double[] values = {0, -0.0, 12.5, 1e-7, 123456789.125, -40, Double.MAX_VALUE, Double.MIN_VALUE, 1.0 / 3};
        String[] texts = {"ent-a", "设备-1", "quote\"and\\slash", "tab\tnew\nline", "\u0001ctl", "ünïcode 😀"};
        for (int i = 0; i < 500; i++) {
            Reading reading = new Reading(Reading.SCHEMA, texts[random.nextInt(texts.length)],
                    texts[random.nextInt(texts.length)], texts[random.nextInt(texts.length)],
                    SensorType.values()[random.nextInt(SensorType.values().length)],
                    i < values.length ? values[i] : random.nextGaussian() * 1000,
                    random.nextInt(4) == 0 ? null : texts[random.nextInt(texts.length)],
                    RandomInstants.any(random), random.nextInt(4) == 0 ? null : RandomInstants.any(random));

            String ours = Json.toString(reading);

            assertThat(ours).isEqualTo(JACKSON.writeValueAsString(reading));
            assertThat(Json.fromBytes(Json.toBytes(reading), Reading.class)).isEqualTo(reading);
        }
    }

    @Test
    void aReadingInsideAnotherValueIsWrittenTheSameWay() throws Exception {
        Reading reading = new Reading(Reading.SCHEMA, "ent-a", "dev-1", "gas-1", SensorType.COMBUSTIBLE_GAS, 12.5,
                "%LEL", Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T08:00:00.120Z"));
        java.util.List<Reading> list = java.util.List.of(reading, reading);

        assertThat(Json.toString(list)).isEqualTo(JACKSON.writeValueAsString(list));
    }
}
