package io.hazardwatch.streamjobs.job;

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
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class SilenceAwareWatermarksTest {

    private final AtomicLong wallClock = new AtomicLong(1_000_000);
    /** The source's input-activity clock: stands still while the source is back-pressured. */
    private final ManualClock activity = new ManualClock(0);
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
    /** One source subtask: its splits' generators share it. */
    private final SilenceAwareWatermarks.Reader reader = new SilenceAwareWatermarks.Reader();
    private final SilenceAwareWatermarks generator = split();

    @Test
    void whileReadingsFlowTheWatermarkTrailsTheirEventTimeByTheOutOfOrderness() {
        event(990_000);
        elapse(1_000);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(990_000L - 5_000 - 1);
    }

    @Test
    void whenNothingArrivesTheWatermarkFollowsTheWallClockSoOfflineTimersStillFire() {
        event(1_000_000);
        elapse(4_000);
        generator.onPeriodicEmit(output);
        elapse(36_000);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(1_000_000L - 5_001, 1_040_000L - 5_001);
    }

    @Test
    void theWatermarkNeverGoesBack() {
        elapse(31_000);
        generator.onPeriodicEmit(output);
        event(900_000); // a device with a slow clock after the silence
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(1_031_000L - 5_001);
    }

    @Test
    void afterARestartASplitWhoseBacklogIsSlowToArriveKeepsEventTimeBackSoItsDevicesAreNotRaisedOffline() {
        // restored after an outage: the split's readings of the last 45 s are queued in Kafka, the first fetch is slow
        elapse(20_000);
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("no watermark before the split's first reading, within the startup grace").isEmpty();

        event(1_000_000 - 45_000); // the backlog starts to arrive
        generator.onPeriodicEmit(output);

        assertThat(emitted).as("event time trails the backlog, not the wall clock").containsExactly(1_000_000L - 45_000 - 5_001);
    }

    @Test
    void aSplitThatStaysEmptyFollowsTheWallClockOnceTheStartupGraceIsOver() {
        elapse(29_000);
        generator.onPeriodicEmit(output);
        elapse(1_000);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(1_030_000L - 5_001);
    }

    @Test
    void aSplitCatchingUpOnABacklogKeepsEventTimeBackThroughAPauseInItsArrival() {
        // restored after a JobManager takeover: the split reads readings a minute old, then its fetch stalls (a
        // starved TaskManager) while the source could take in more
        event(1_000_000 - 60_000);
        elapse(6_000);
        generator.onPeriodicEmit(output);
        elapse(23_000);
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("a pause of 29 s while a minute behind is not silence").containsExactly(940_000L - 5_001);

        elapse(1_000);
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("after the startup grace a split that got nothing more follows the wall clock")
                .containsExactly(940_000L - 5_001, 1_030_000L - 5_001);
    }

    @Test
    void aSplitThatHasCaughtUpFollowsTheWallClockAfterTheShortSilenceAgain() {
        event(1_000_000 - 60_000);
        elapse(1_000);
        event(1_000_000); // the backlog is read: the newest reading is current again
        elapse(5_000);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(1_006_000L - 5_001);
    }

    @Test
    void aDeviceWithASlowClockDoesNotMakeItsSplitWaitAsIfCatchingUp() {
        // a wrong clock: one device of the split reports readings two minutes old, the others are current
        event(1_000_000);
        event(1_000_000 - 120_000);
        elapse(5_000);
        generator.onPeriodicEmit(output);

        assertThat(emitted).as("silent for 5 s: event time follows the wall clock as usual")
                .containsExactly(1_005_000L - 5_001);
    }

    @Test
    void theMainOutputOfAReaderWithSplitsLeavesEventTimeToTheSplits() {
        // Flink's subtask watermark is the larger of the main output's and the splits' smallest: a main output that
        // followed the wall clock (it gets no readings from the Kafka reader) overtook every split with a backlog
        SilenceAwareWatermarks mainOutput = generator(reader, true);
        event(1_000_000 - 60_000);
        elapse(200_000);
        mainOutput.onPeriodicEmit(output);

        assertThat(emitted).isEmpty();
    }

    @Test
    void aReaderWithoutSplitsFollowsTheWallClockAfterTheGraceSoItHoldsNoOtherReaderBack() {
        // more source subtasks than partitions: this one never gets a split
        SilenceAwareWatermarks mainOutput = generator(new SilenceAwareWatermarks.Reader(), true);
        elapse(29_000);
        mainOutput.onPeriodicEmit(output);
        elapse(1_000);
        mainOutput.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(1_030_000L - 5_001);
    }

    @Test
    void aBackPressuredSplitKeepsItsEventTimeSoItsQueuedReadingsAreNotOvertaken() {
        event(990_000);
        wallClock.addAndGet(40_000); // the job cannot take in more readings: the activity clock stands still
        generator.onPeriodicEmit(output);
        elapse(4_000);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(990_000L - 5_001);
    }

    @Test
    void silenceIsCountedOnlyWhileTheSourceCouldTakeInReadings() {
        event(990_000);
        elapse(3_000);
        wallClock.addAndGet(30_000); // back-pressured
        generator.onPeriodicEmit(output);
        elapse(2_000);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(990_000L - 5_001, 1_035_000L - 5_001);
    }

    /** Time passes while the source could take in readings. */
    private void elapse(long millis) {
        wallClock.addAndGet(millis);
        activity.advanceTime(Duration.ofMillis(millis));
    }

    private void event(long eventTime) {
        generator.onEvent(reading(eventTime), eventTime, output);
    }

    private static Reading reading(long eventTime) {
        Instant at = Instant.ofEpochMilli(eventTime);
        return new Reading(Reading.SCHEMA, "e", "d", "s", SensorType.COMBUSTIBLE_GAS, 1, "%LEL", at, at);
    }

    /** A generator of another split of the same reader. */
    private SilenceAwareWatermarks split() {
        reader.splitAdded();
        return generator(reader, false);
    }

    private SilenceAwareWatermarks generator(SilenceAwareWatermarks.Reader of, boolean main) {
        return new SilenceAwareWatermarks(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
                wallClock::get, activity, of, main);
    }
}
