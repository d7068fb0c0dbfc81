package io.hazardwatch.streamjobs.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadingPointsTest {

    @Test
    void aReadingIsOnePointOfItsSensorsSeriesAtItsEventTimeInMilliseconds() {
        Instant at = Instant.parse("2026-11-24T08:00:00.123Z");
        Reading reading = new Reading(Reading.SCHEMA, "ent-a", "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS, 12.5,
                "%LEL", at, at.plusSeconds(1));

        String line = ReadingPoints.toLine(reading);

        assertThat(line).isEqualTo("reading,device=tank-1,enterprise=ent-a,sensor=lel-1,sensor_type=COMBUSTIBLE_GAS,unit=%LEL value=12.5 "
                + at.toEpochMilli());
    }

    @Test
    void aWholeNumberIsStillWrittenAsAFloatSoTheFieldTypeNeverConflicts() {
        Instant at = Instant.parse("2026-11-24T08:00:00Z");
        Reading reading = new Reading(Reading.SCHEMA, "ent-b", "room-1", "nh3-1", SensorType.AMMONIA, 30,
                "ppm", at, at);

        String line = ReadingPoints.toLine(reading);

        assertThat(line).contains(" value=30.0 ").doesNotContain("value=30i");
    }
}
