package io.hazardwatch.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.DeviceAddress;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final DeviceAddress TANK = new DeviceAddress(TestRegistry.ENT_A, TestRegistry.ENT_A_DEVICE);
    private static PayloadValidator validator;
    private static Registry registry;

    @BeforeAll
    static void loadRegistry(@TempDir Path dir) {
        registry = Registry.load(TestRegistry.write(dir));
        validator = new PayloadValidator(registry, 1024, 3, Duration.ofSeconds(2), Duration.ofHours(24));
    }

    private static Verdict validate(String json) {
        return validator.validate(TestRegistry.ENT_A, TANK, json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static Refusal refusal(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        return ((Verdict.Refused) verdict).refusal();
    }

    @Test
    void acceptsOneReadingAndTakesTypeAndUnitFromTheRegistry() {
        Verdict verdict = validate("{\"sensor\":\"lel-1\",\"value\":12.5,\"unit\":\"%LEL\",\"ts\":\"2026-11-24T07:59:58Z\"}");

        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        Reading reading = ((Verdict.Accepted) verdict).readings().get(0);
        assertThat(reading.sensorType()).isEqualTo(SensorType.COMBUSTIBLE_GAS);
        assertThat(reading.value()).isEqualTo(12.5);
        assertThat(reading.eventTime()).isEqualTo(Instant.parse("2026-11-24T07:59:58Z"));
        assertThat(reading.ingestTime()).isEqualTo(NOW);
        assertThat(reading.schema()).isEqualTo(Reading.SCHEMA);
    }

    @Test
    void usesTheReceiveTimeWhenTsIsMissingAndAcceptsEpochMillis() {
        Reading noTs = ((Verdict.Accepted) validate("{\"sensor\":\"lel-1\",\"value\":1}")).readings().get(0);
        Reading millis = ((Verdict.Accepted) validate("{\"sensor\":\"lel-1\",\"value\":1,\"ts\":"
                + NOW.minusSeconds(1).toEpochMilli() + "}")).readings().get(0);

        assertThat(noTs.eventTime()).isEqualTo(NOW);
        assertThat(millis.eventTime()).isEqualTo(NOW.minusSeconds(1));
    }

    @Test
    void acceptsABatchOfReadingsForSeveralSensors() {
        Verdict verdict = validate("{\"readings\":[{\"sensor\":\"lel-1\",\"value\":3},{\"sensor\":\"temp-1\",\"value\":21.5}]}");

        assertThat(((Verdict.Accepted) verdict).readings()).extracting(Reading::sensor).containsExactly("lel-1", "temp-1");
    }

    @Test
    void refusesPublishingForAnotherEnterprise() {
        Verdict verdict = validator.validate(TestRegistry.ENT_A,
                new DeviceAddress(TestRegistry.ENT_B, TestRegistry.ENT_B_DEVICE),
                "{\"sensor\":\"nh3-1\",\"value\":1}".getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(refusal(verdict).reason()).isEqualTo(RefusalReason.NOT_AUTHORIZED);
        assertThat(refusal(verdict).detail()).contains("'ent-a' may not publish for enterprise 'ent-b'");
    }

    @Test
    void refusesAnUnregisteredDevice() {
        Verdict verdict = validator.validate(TestRegistry.ENT_A, new DeviceAddress(TestRegistry.ENT_A, "ghost"),
                "{\"sensor\":\"lel-1\",\"value\":1}".getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(refusal(verdict).reason()).isEqualTo(RefusalReason.NOT_AUTHORIZED);
        assertThat(refusal(verdict).detail()).contains("device 'ghost' is not registered");
    }

    @Test
    void refusesAnUnknownSensor() {
        assertThat(refusal(validate("{\"sensor\":\"nope\",\"value\":1}")).reason()).isEqualTo(RefusalReason.UNKNOWN_SENSOR);
    }

    @Test
    void refusesMalformedJsonAndNaN() {
        assertThat(refusal(validate("{\"sensor\":\"lel-1\",")).detail()).startsWith("not valid JSON");
        assertThat(refusal(validate("{\"sensor\":\"lel-1\",\"value\":NaN}")).reason()).isEqualTo(RefusalReason.PAYLOAD_INVALID);
        assertThat(refusal(validate("{\"sensor\":\"lel-1\",\"value\":\"12\"}")).detail()).isEqualTo("value: required, a number");
        assertThat(refusal(validate("[1,2]")).detail()).isEqualTo("payload must be a JSON object");
    }

    @Test
    void refusesAWrongUnitNamingTheExpectedOne() {
        assertThat(refusal(validate("{\"sensor\":\"lel-1\",\"value\":12,\"unit\":\"ppm\"}")).detail())
                .isEqualTo("unit: 'ppm' does not match COMBUSTIBLE_GAS, which is measured in %LEL");
    }

    @Test
    void acceptsReadingsBeyondTheSensorsRangeUnchangedForDetectionToJudge() {
        // COMBUSTIBLE_GAS measures 0..100 %LEL: above it a big release, below it a sensor failing toward safety
        Reading above = ((Verdict.Accepted) validate("{\"sensor\":\"lel-1\",\"value\":140}")).readings().get(0);
        Reading below = ((Verdict.Accepted) validate("{\"sensor\":\"lel-1\",\"value\":-7.5}")).readings().get(0);

        assertThat(above.value()).isEqualTo(140);
        assertThat(below.value()).isEqualTo(-7.5);
    }

    @Test
    void acceptsAnAmmoniaReadingAboveItsRangeOf1000Ppm() {
        Verdict verdict = validator.validate(TestRegistry.ENT_B, new DeviceAddress(TestRegistry.ENT_B, TestRegistry.ENT_B_DEVICE),
                "{\"sensor\":\"nh3-1\",\"value\":1500,\"unit\":\"ppm\"}".getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(((Verdict.Accepted) verdict).readings()).extracting(Reading::value).containsExactly(1500.0);
    }

    @Test
    void refusesValuesBeyondAnyPlausibleInstrumentNamingTheValueAndTheBound() {
        // 0..100 %LEL, span 100: plausible from -1000 to 1100
        assertThat(validate("{\"sensor\":\"lel-1\",\"value\":1100}")).isInstanceOf(Verdict.Accepted.class);
        Refusal high = refusal(validate("{\"sensor\":\"lel-1\",\"value\":1100.5}"));
        Refusal low = refusal(validate("{\"sensor\":\"lel-1\",\"value\":-1e6}"));

        assertThat(high.reason()).isEqualTo(RefusalReason.PAYLOAD_INVALID);
        assertThat(high.detail()).startsWith("value: 1100.5 %LEL is beyond any plausible instrument")
                .contains("[-1000.0, 1100.0]");
        assertThat(low.detail()).contains("-1000000.0 %LEL").contains("[-1000.0, 1100.0]");
    }

    @Test
    void thePlausibleBoundFollowsTheSensorsOwnRangeInTheRegistry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ranged.yaml");
        java.nio.file.Files.writeString(file, TestRegistry.YAML.replace("{id: lel-1, type: COMBUSTIBLE_GAS}",
                "{id: lel-1, type: COMBUSTIBLE_GAS, detection: {rangeMin: 0, rangeMax: 10}}"));
        PayloadValidator ranged = new PayloadValidator(Registry.load(file), 1024, 3, Duration.ofSeconds(2),
                Duration.ofHours(24));

        // range 0..10: plausible up to 10 + 10 * 10 = 110
        Refusal refusal = ((Verdict.Refused) ranged.validate(TestRegistry.ENT_A, TANK,
                "{\"sensor\":\"lel-1\",\"value\":120}".getBytes(StandardCharsets.UTF_8), NOW)).refusal();
        assertThat(refusal.detail()).contains("[-100.0, 110.0]");
    }

    @Test
    void clampsAStampAheadOfTheGatewayClockBeyondTheToleranceToTheReceiveTime() {
        List<String> clamped = new ArrayList<>();
        PayloadValidator watched = new PayloadValidator(() -> registry, 1024, 3, Duration.ofSeconds(2),
                Duration.ofHours(24), (sensor, stamped, receivedAt) -> clamped.add(sensor + " " + stamped));

        Reading ahead = accepted(watched, "{\"sensor\":\"lel-1\",\"value\":60,\"ts\":\"2026-11-24T08:04:40Z\"}");
        Reading withinTolerance = accepted(watched, "{\"sensor\":\"lel-1\",\"value\":60,\"ts\":\"2026-11-24T08:00:02Z\"}");

        assertThat(ahead.eventTime()).isEqualTo(NOW);
        assertThat(ahead.ingestTime()).isEqualTo(NOW);
        assertThat(withinTolerance.eventTime()).isEqualTo(NOW.plusSeconds(2));
        assertThat(clamped).containsExactly("ent-a/tank-1/lel-1 2026-11-24T08:04:40Z");
    }

    @Test
    void refusesTimesTooOldOrUnreadable() {
        assertThat(refusal(validate("{\"sensor\":\"lel-1\",\"value\":1,\"ts\":\"2026-11-20T08:00:00Z\"}")).detail())
                .contains("older than 24 h");
        assertThat(refusal(validate("{\"sensor\":\"lel-1\",\"value\":1,\"ts\":\"yesterday\"}")).detail())
                .startsWith("ts: 'yesterday' is not an ISO-8601 time");
    }

    private static Reading accepted(PayloadValidator v, String json) {
        Verdict verdict = v.validate(TestRegistry.ENT_A, TANK, json.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
        return ((Verdict.Accepted) verdict).readings().get(0);
    }

    @Test
    void aBatchKeepsItsGoodReadingsAndRefusesEachBadOneWithItsIndexAndReason() {
        Verdict verdict = validate("{\"readings\":[{\"sensor\":\"lel-1\",\"value\":3},"
                + "{\"sensor\":\"lel-1\",\"value\":\"high\"},{\"sensor\":\"nope\",\"value\":4}]}");

        Verdict.Accepted accepted = (Verdict.Accepted) verdict;
        assertThat(accepted.readings()).extracting(Reading::value).containsExactly(3.0);
        assertThat(accepted.refused()).extracting(Verdict.RefusedReading::index).containsExactly(1, 2);
        assertThat(accepted.refused().get(0).refusal())
                .isEqualTo(new Refusal(RefusalReason.PAYLOAD_INVALID, "readings[1].value: required, a number"));
        assertThat(accepted.refused().get(1).refusal().reason()).isEqualTo(RefusalReason.UNKNOWN_SENSOR);
        assertThat(new String(accepted.refused().get(0).json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"sensor\":\"lel-1\",\"value\":\"high\"}");
    }

    @Test
    void aBatchWhoseEveryReadingIsBadIsRefusedWholeNamingEachOne() {
        Refusal refusal = refusal(validate(
                "{\"readings\":[{\"sensor\":\"lel-1\",\"vlaue\":3},{\"sensor\":\"lel-1\",\"value\":null}]}"));

        assertThat(refusal.reason()).isEqualTo(RefusalReason.PAYLOAD_INVALID);
        assertThat(refusal.detail()).isEqualTo("every reading was refused: "
                + "readings[0].vlaue: unknown field (expected sensor, value, unit, ts); readings[1].value: required, a number");
    }

    @Test
    void refusesOversizePayloadsAndBatches() {
        assertThat(refusal(validate("{\"sensor\":\"lel-1\",\"value\":1,\"unit\":\"" + "x".repeat(2000) + "\"}")).detail())
                .contains("exceeds the limit of 1024");
        assertThat(refusal(validate("{\"readings\":[{\"sensor\":\"lel-1\",\"value\":1},{\"sensor\":\"lel-1\",\"value\":1},"
                + "{\"sensor\":\"lel-1\",\"value\":1},{\"sensor\":\"lel-1\",\"value\":1}]}")).detail())
                .contains("exceed the batch limit of 3");
        assertThat(refusal(validate("{\"readings\":[]}")).detail()).isEqualTo("readings: must be a non-empty array");
    }
}
