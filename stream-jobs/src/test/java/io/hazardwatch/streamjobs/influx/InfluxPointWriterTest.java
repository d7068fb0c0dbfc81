package io.hazardwatch.streamjobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.testsupport.FreePort;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InfluxPointWriterTest {

    @Test
    void failedWriteIsRetriedWithBackOffThenFailsTheTaskKeepingThePointsForTheNextTry() throws Exception {
        String deadInflux = "http://127.0.0.1:" + FreePort.find();
        InfluxSettings settings = new InfluxSettings(deadInflux, "hw_test", "thirty_days", 500,
                Duration.ofSeconds(1), 3, Duration.ofMillis(50));
        InfluxPointWriter<Reading> writer = new InfluxPointWriter<>(InfluxPointSink.connect(deadInflux), settings,
                new TestProcessingTimeService(), ReadingPoints::toPoint);
        Instant at = Instant.now();
        writer.write(new Reading(Reading.SCHEMA, "ent-a", "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS, 12.5,
                "%LEL", at, at), null);

        long start = System.nanoTime();
        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("writing 1 points")
                .hasMessageContaining("after 3 attempt(s)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("backed off 50 + 100 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));

        assertThatThrownBy(() -> writer.flush(true)).as("the point was not dropped")
                .isInstanceOf(IOException.class).hasMessageContaining("writing 1 points");
        writer.close();
    }
}
