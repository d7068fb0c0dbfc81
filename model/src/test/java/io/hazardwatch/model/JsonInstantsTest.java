package io.hazardwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Json.MAPPER's Instant handling must be indistinguishable from JavaTimeModule's alone. */
class JsonInstantsTest {

    /** Json.MAPPER as it was before IsoInstantModule. */
    private static final ObjectMapper JAVA_TIME_ONLY = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final int SAMPLES = 50_000;

    @Test
    void readingsSerialiseByteForByteAsWithJavaTimeModuleAlone() throws Exception {
        Random random = new Random(7L);
        for (int i = 0; i < 10_000; i++) {
            Reading reading = new Reading(Reading.SCHEMA, "ent-a", "dev-" + i, "gas-1", SensorType.COMBUSTIBLE_GAS,
                    random.nextDouble() * 100, "%LEL", RandomInstants.any(random),
                    random.nextBoolean() ? RandomInstants.any(random) : null);

            byte[] json = Json.toBytes(reading);

            assertThat(json).isEqualTo(JAVA_TIME_ONLY.writeValueAsBytes(reading));
            assertThat(Json.fromBytes(json, Reading.class)).isEqualTo(reading);
        }
    }

    @Test
    void randomInstantsWriteAndReadAsWithJavaTimeModuleAlone() throws Exception {
        Random random = new Random(20261202L);
        for (int i = 0; i < SAMPLES; i++) {
            Instant instant = RandomInstants.any(random);

            String json = Json.MAPPER.writeValueAsString(instant);

            assertThat(json).isEqualTo(JAVA_TIME_ONLY.writeValueAsString(instant));
            assertThat(Json.MAPPER.readValue(json, Instant.class)).isEqualTo(instant);
        }
    }

    @Test
    void fastFormTextsReadAsInstantParseReadsThem() throws Exception {
        Random random = new Random(42L);
        for (int i = 0; i < SAMPLES; i++) {
            String text = RandomInstants.fastFormText(random);

            assertThat(Json.MAPPER.readValue(quoted(text), Instant.class)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void nearMissTextsAreAcceptedOrRejectedAsWithJavaTimeModuleAlone() {
        Random random = new Random(99L);
        for (int i = 0; i < SAMPLES; i++) {
            String json = quoted(RandomInstants.mutate(RandomInstants.fastFormText(random), random));

            assertThat(outcome(Json.MAPPER, json)).as(json).isEqualTo(outcome(JAVA_TIME_ONLY, json));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"2026-01-01T00:00:00+08:00\"", "\"2026-01-01T00:00:00+00:00\"", "\"2026-01-01T00:00:00+0000\"",
        "\"2026-01-01T00:00:00-01:30\"", "\"2026-01-01t00:00:00z\"", "\"2026-01-01T24:00:00Z\"",
        "\"2026-12-31T23:59:60Z\"", "\"+10000-01-01T00:00:00Z\"", "\"-0001-12-31T23:59:59Z\"",
        "\"2026-02-30T00:00:00Z\"", "\"2026-13-01T00:00:00Z\"", "\"2023-02-29T00:00:00Z\"", "\"2026-01-01T00:00:00\"",
        "\"2026-01-01T00:00:00.1234567891Z\"", "\"2026-01-01T00:00:00.Z\"", "\" 2026-01-01T00:00:00Z \"", "\"\"",
        "\"   \"", "\"1700000000\"", "\"1700000000.5\"", "\"-1\"", "\"soon\"",
        "1700000000", "1700000000123", "1700000000.123456789", "-1.5", "0", "true", "[]", "[\"2026-01-01T00:00:00Z\"]",
        "{}", "null"})
    void otherFormsAndTokensReadAsWithJavaTimeModuleAlone(String json) {
        assertThat(outcome(Json.MAPPER, json)).isEqualTo(outcome(JAVA_TIME_ONLY, json));
    }

    @Test
    void numericTokensAreStillEpochSeconds() throws Exception {
        assertThat(Json.MAPPER.readValue("1700000000", Instant.class)).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThat(Json.MAPPER.readValue("1700000000.5", Instant.class))
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000, 500_000_000));
    }

    @Test
    void impossibleDateIsStillNotAValidReading() {
        String json = Json.toString(new Reading(Reading.SCHEMA, "e", "d", "s", SensorType.AMMONIA, 1, "ppm",
                Instant.parse("2026-02-28T00:00:00Z"), null)).replace("2026-02-28", "2026-02-30");

        assertThatThrownBy(() -> Json.fromBytes(json.getBytes(), Reading.class))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("not a valid Reading: Cannot deserialize value of type `java.time.Instant`"
                        + " from String \"2026-02-30T00:00:00Z\"");
    }

    @Test
    void timestampWritingStillGoesThroughJavaTimeModule() throws Exception {
        Instant instant = Instant.parse("2026-12-02T17:45:30.303Z");

        String json = Json.MAPPER.writer().with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(instant);

        assertThat(json).isEqualTo("1796233530.303000000")
                .isEqualTo(JAVA_TIME_ONLY.writer().with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .writeValueAsString(instant));
    }

    record Formatted(
            @JsonFormat(shape = JsonFormat.Shape.NUMBER_INT) Instant asNumber,
            @JsonFormat(pattern = "yyyy-MM-dd HH:mm", timezone = "UTC") Instant asPattern,
            Instant plain) {
    }

    @Test
    void formatAnnotatedPropertiesStillGoThroughJavaTimeModule() throws Exception {
        Instant instant = Instant.parse("2026-12-02T17:45:00Z");
        Formatted formatted = new Formatted(instant, instant, instant);

        String json = Json.MAPPER.writeValueAsString(formatted);

        assertThat(json).isEqualTo("{\"asNumber\":1796233500000,\"asPattern\":\"2026-12-02 17:45\","
                + "\"plain\":\"2026-12-02T17:45:00Z\"}")
                .isEqualTo(JAVA_TIME_ONLY.writeValueAsString(formatted));
        assertThat(Json.MAPPER.readValue(json, Formatted.class))
                .isEqualTo(JAVA_TIME_ONLY.readValue(json, Formatted.class));
    }

    @Test
    void plainInstantPropertiesUseTheFastCodec() throws Exception {
        // Reading has its own serializer (ReadingSerializer, which formats with IsoInstants itself): AlarmEvent here
        BeanSerializerBase serializer = (BeanSerializerBase) Json.MAPPER.getSerializerProviderInstance()
                .findValueSerializer(AlarmEvent.class);
        var property = serializer.properties();
        while (property.hasNext()) {
            BeanPropertyWriter writer = (BeanPropertyWriter) property.next();
            if (writer.getType().hasRawClass(Instant.class)) {
                assertThat(writer.getSerializer()).as(writer.getName()).isInstanceOf(IsoInstantModule.Serializer.class);
            }
        }

        DefaultDeserializationContext context = ((DefaultDeserializationContext) Json.MAPPER.getDeserializationContext())
                .createDummyInstance(Json.MAPPER.getDeserializationConfig());
        BeanDeserializerBase deserializer = (BeanDeserializerBase) context.findRootValueDeserializer(
                Json.MAPPER.constructType(Reading.class));
        assertThat(deserializer.findProperty("eventTime").getValueDeserializer())
                .isInstanceOf(IsoInstantModule.Deserializer.class);
        assertThat(deserializer.findProperty("ingestTime").getValueDeserializer())
                .isInstanceOf(IsoInstantModule.Deserializer.class);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    /** The value read, or the exception type and full message: what a caller of the mapper could observe. */
    private static String outcome(ObjectMapper mapper, String json) {
        try {
            Instant instant = mapper.readValue(json, Instant.class);
            return "value " + (instant == null ? null : instant.getEpochSecond() + "s " + instant.getNano() + "ns");
        } catch (JsonProcessingException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
