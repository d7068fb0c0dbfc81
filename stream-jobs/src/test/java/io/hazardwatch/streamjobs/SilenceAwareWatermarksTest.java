package io.hazardwatch.streamjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class SilenceAwareWatermarksTest {

    private final AtomicLong wallClock = new AtomicLong(1_000_000);
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }
    };
    private final SilenceAwareWatermarks generator =
            new SilenceAwareWatermarks(Duration.ofSeconds(5), Duration.ofSeconds(5), wallClock::get);

    @Test
    void whileReadingsFlowTheWatermarkTrailsTheirEventTimeByTheOutOfOrderness() {
        event(990_000);
        wallClock.addAndGet(1_000);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(990_000L - 5_000 - 1);
    }

    @Test
    void whenNothingArrivesTheWatermarkFollowsTheWallClockSoOfflineTimersStillFire() {
        event(1_000_000);
        wallClock.addAndGet(4_000);
        generator.onPeriodicEmit(output);
        wallClock.addAndGet(36_000);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(1_000_000L - 5_001, 1_040_000L - 5_001);
    }

    @Test
    void theWatermarkNeverGoesBack() {
        wallClock.addAndGet(10_000);
        generator.onPeriodicEmit(output);
        event(900_000); // a device with a slow clock after the silence
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(1_010_000L - 5_001);
    }

    private void event(long eventTime) {
        Instant at = Instant.ofEpochMilli(eventTime);
        generator.onEvent(new Reading(Reading.SCHEMA, "e", "d", "s", SensorType.COMBUSTIBLE_GAS, 1, "%LEL", at, at),
                eventTime, output);
    }
}
