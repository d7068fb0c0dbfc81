package io.hazardwatch.streamjobs.job;

import io.hazardwatch.model.Reading;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks that keep following the wall clock while a source split receives
 * nothing at all. Without this, a site where every sensor stops — or an empty Kafka partition — would hold
 * event time still and the offline timers would never fire.
 *
 * <p>Silence is measured on the source's input-activity clock, which Flink stops while the source is
 * back-pressured (or paused for watermark alignment), not on the wall clock. A split with a backlog that the job
 * cannot take in yet (catching up after a restart, an overload) receives nothing for seconds at a time; on the wall
 * clock that looked like silence, its watermark jumped to the wall clock, ahead of all its queued readings, and
 * the offline timers of its devices fired while their readings were still on the way.
 *
 * <p>Until a split receives its first reading after the job (re)started, it waits a longer startup grace before it
 * follows the wall clock: nothing tells a split whose backlog has not started to arrive (restored after an outage,
 * TaskManagers re-deployed, Kafka connections still being made on a busy machine) from an empty partition, and a
 * watermark at the wall clock made every device whose readings were still queued OFFLINE at once. A split that
 * stays empty costs offline timers and minute windows that much delay once per start.
 */
final class SilenceAwareWatermarks implements WatermarkGenerator<Reading> {

    private final long outOfOrderness;
    private final long silenceAfter;
    private final long startupGrace;
    private final LongSupplier wallClock;
    private final RelativeClock activity;
    private long maxEventTime = Long.MIN_VALUE;
    private long lastEventAt;
    private long emitted = Long.MIN_VALUE;
    private boolean received;

    /**
     * @param wallClock what event time follows during silence (epoch ms)
     * @param activity  what silence is measured on: runs only while the source could take in readings
     * @param startupGrace the silence before the split's first reading that lets event time follow the wall clock
     */
    SilenceAwareWatermarks(Duration outOfOrderness, Duration silenceAfter, Duration startupGrace,
                           LongSupplier wallClock, RelativeClock activity) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.silenceAfter = silenceAfter.toMillis();
        this.startupGrace = startupGrace.toMillis();
        this.wallClock = wallClock;
        this.activity = activity;
        this.lastEventAt = activity.relativeTimeMillis();
    }

    static WatermarkStrategy<Reading> strategy(Duration outOfOrderness, Duration silenceAfter,
                                               Duration startupGrace) {
        return WatermarkStrategy.<Reading>forGenerator(
                        ctx -> new SilenceAwareWatermarks(outOfOrderness, silenceAfter, startupGrace,
                                System::currentTimeMillis,
                                ctx.getInputActivityClock()))
                .withTimestampAssigner((reading, recordTimestamp) -> reading.eventTime().toEpochMilli());
    }

    @Override
    public void onEvent(Reading event, long eventTimestamp, WatermarkOutput output) {
        maxEventTime = Math.max(maxEventTime, eventTimestamp);
        received = true;
        lastEventAt = activity.relativeTimeMillis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long watermark = maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime - outOfOrderness - 1;
        if (activity.relativeTimeMillis() - lastEventAt >= (received ? silenceAfter : startupGrace)) {
            watermark = Math.max(watermark, wallClock.getAsLong() - outOfOrderness - 1);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
