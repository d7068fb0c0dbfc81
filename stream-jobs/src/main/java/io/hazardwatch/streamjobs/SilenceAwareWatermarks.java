package io.hazardwatch.streamjobs;

import io.hazardwatch.model.Reading;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks that keep following the wall clock while a source split receives
 * nothing at all. Without this, a site where every sensor stops — or an empty Kafka partition — would hold
 * event time still and the offline timers would never fire. A split that is merely slow (back-pressure, a
 * replay catching up) keeps receiving readings and so keeps the ordinary event-time watermark: a stalled job
 * does not mistake its own backlog for silent sensors.
 */
final class SilenceAwareWatermarks implements WatermarkGenerator<Reading> {

    private final long outOfOrderness;
    private final long silenceAfter;
    private final LongSupplier wallClock;
    private long maxEventTime = Long.MIN_VALUE;
    private long lastEventAt;
    private long emitted = Long.MIN_VALUE;

    SilenceAwareWatermarks(Duration outOfOrderness, Duration silenceAfter, LongSupplier wallClock) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.silenceAfter = silenceAfter.toMillis();
        this.wallClock = wallClock;
        this.lastEventAt = wallClock.getAsLong();
    }

    static WatermarkStrategy<Reading> strategy(Duration outOfOrderness, Duration silenceAfter) {
        return WatermarkStrategy.<Reading>forGenerator(
                        ctx -> new SilenceAwareWatermarks(outOfOrderness, silenceAfter, System::currentTimeMillis))
                .withTimestampAssigner((reading, recordTimestamp) -> reading.eventTime().toEpochMilli());
    }

    @Override
    public void onEvent(Reading event, long eventTimestamp, WatermarkOutput output) {
        maxEventTime = Math.max(maxEventTime, eventTimestamp);
        lastEventAt = wallClock.getAsLong();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = wallClock.getAsLong();
        long watermark = maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime - outOfOrderness - 1;
        if (now - lastEventAt >= silenceAfter) {
            watermark = Math.max(watermark, now - outOfOrderness - 1);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
