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
 * <p>Nothing tells a split whose backlog has not started to arrive from an empty partition, so after the job
 * (re)started a split without its first reading follows the wall clock only once its reader (the source subtask:
 * one Kafka consumer for all its splits) has received readings on other splits for a startup grace — the consumer
 * demonstrably fetches, and this split's partition gives nothing — or, for a reader that receives nothing at all,
 * after a longer limit. Restored after a JobManager takeover under load, a reader's consumer took more than 30 s to
 * deliver its first reading; a grace counted from the split's start let the watermarks jump to the wall clock ahead
 * of a minute of queued readings, and 559–1 183 devices were raised OFFLINE (issue 18). A split that stays empty
 * costs offline timers and minute windows that much delay once per start.
 *
 * <p>A split that is catching up waits the grace too: one whose newest reading was already more than the silence
 * limit plus the out-of-orderness behind the wall clock when it came in. Its next readings are in Kafka, and a
 * pause in their arrival is the job (a TaskManager starved of CPU, a fetch stalled), not the devices. A split whose
 * devices all stopped while it was behind is raised that much later.
 */
final class SilenceAwareWatermarks implements WatermarkGenerator<Reading> {

    /**
     * What the generators of one reader share (created once per source subtask by {@link Strategy}): when, on the
     * reader's input-activity clock, any of its splits received a reading for the first time.
     */
    static final class Reader {
        private final long startedAt;
        private long firstReadingAt = Long.MIN_VALUE;

        Reader(RelativeClock activity) {
            this.startedAt = activity.relativeTimeMillis();
        }

        void received(long at) {
            if (firstReadingAt == Long.MIN_VALUE) {
                firstReadingAt = at;
            }
        }
    }

    /** The strategy: one {@link Reader} per deserialized copy, i.e. per source subtask. */
    private static final class Strategy implements WatermarkStrategy<Reading> {
        private static final long serialVersionUID = 1L;
        private final Duration outOfOrderness;
        private final Duration silenceAfter;
        private final Duration startupGrace;
        private final Duration readerLimit;
        private transient Reader reader;

        Strategy(Duration outOfOrderness, Duration silenceAfter, Duration startupGrace, Duration readerLimit) {
            this.outOfOrderness = outOfOrderness;
            this.silenceAfter = silenceAfter;
            this.startupGrace = startupGrace;
            this.readerLimit = readerLimit;
        }

        @Override
        public WatermarkGenerator<Reading> createWatermarkGenerator(
                org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier.Context context) {
            RelativeClock activity = context.getInputActivityClock();
            if (reader == null) {
                reader = new Reader(activity);
            }
            return new SilenceAwareWatermarks(outOfOrderness, silenceAfter, startupGrace, readerLimit,
                    System::currentTimeMillis, activity, reader);
        }
    }

    private final long outOfOrderness;
    private final long silenceAfter;
    private final long startupGrace;
    private final long readerLimit;
    private final LongSupplier wallClock;
    private final RelativeClock activity;
    private final Reader reader;
    private long maxEventTime = Long.MIN_VALUE;
    private long lastEventAt;
    /** How far behind the wall clock the split's newest reading was when the last reading came in (ms). */
    private long behind;
    private long emitted = Long.MIN_VALUE;
    private boolean received;

    /**
     * @param wallClock    what event time follows during silence (epoch ms)
     * @param activity     what silence is measured on: runs only while the source could take in readings
     * @param startupGrace how long a split without its first reading waits after its reader's first reading (and a
     *                     split catching up waits in a pause) before event time follows the wall clock
     * @param readerLimit  how long a split without its first reading waits when its reader has received nothing
     * @param reader       what the splits of this generator's reader share
     */
    SilenceAwareWatermarks(Duration outOfOrderness, Duration silenceAfter, Duration startupGrace, Duration readerLimit,
                           LongSupplier wallClock, RelativeClock activity, Reader reader) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.silenceAfter = silenceAfter.toMillis();
        this.startupGrace = startupGrace.toMillis();
        this.readerLimit = readerLimit.toMillis();
        this.wallClock = wallClock;
        this.activity = activity;
        this.reader = reader;
        this.lastEventAt = activity.relativeTimeMillis();
    }

    static WatermarkStrategy<Reading> strategy(Duration outOfOrderness, Duration silenceAfter, Duration startupGrace,
                                               Duration readerLimit) {
        return new Strategy(outOfOrderness, silenceAfter, startupGrace, readerLimit)
                .withTimestampAssigner((reading, recordTimestamp) -> reading.eventTime().toEpochMilli());
    }

    @Override
    public void onEvent(Reading event, long eventTimestamp, WatermarkOutput output) {
        maxEventTime = Math.max(maxEventTime, eventTimestamp);
        received = true;
        lastEventAt = activity.relativeTimeMillis();
        reader.received(lastEventAt);
        behind = wallClock.getAsLong() - maxEventTime;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long watermark = maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime - outOfOrderness - 1;
        if (silent(activity.relativeTimeMillis())) {
            watermark = Math.max(watermark, wallClock.getAsLong() - outOfOrderness - 1);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    /** Whether the split counts as silent, so that event time follows the wall clock (times on the activity clock). */
    private boolean silent(long now) {
        if (received) {
            return now - lastEventAt >= (catchingUp() ? startupGrace : silenceAfter);
        }
        return reader.firstReadingAt != Long.MIN_VALUE
                ? now - Math.max(reader.firstReadingAt, lastEventAt) >= startupGrace
                : now - reader.startedAt >= readerLimit;
    }

    /** Whether the split's newest reading was behind the wall clock by more than any silence or reordering explains. */
    private boolean catchingUp() {
        return behind > silenceAfter + outOfOrderness;
    }
}
