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
 *
 * <p>Flink gives a source subtask one generator for its main output besides one per split, and the subtask's
 * watermark is the larger of the main output's and the splits' smallest. The Kafka reader emits every reading
 * through its splits' outputs, so the main output's generator gets none: it follows the wall clock only while its
 * reader has no split at all (more subtasks than partitions), so that such a subtask does not hold the others back.
 * It used to follow the wall clock 30 s after every start, which set a floor under the watermark: a reader still
 * catching up on a backlog was overtaken by it, and after a JobManager takeover under load 559–1 183 devices whose
 * readings were queued were raised OFFLINE (issue 18).
 *
 * <p>A split that is catching up waits the grace too: one whose newest reading was already more than the silence
 * limit plus the out-of-orderness behind the wall clock when it came in. Its next readings are in Kafka, and a
 * pause in their arrival is the job (a TaskManager starved of CPU, a fetch stalled), not the devices. A split whose
 * devices all stopped while it was behind is raised that much later.
 */
final class SilenceAwareWatermarks implements WatermarkGenerator<Reading> {

    /**
     * What the generators of one reader share (created once per source subtask by {@link Strategy}): how many splits
     * it was given.
     */
    static final class Reader {
        /** Generators made for splits (the first one made for a reader is its main output's). */
        private int splits;

        /** Counts a generator made for a split. */
        void splitAdded() {
            splits++;
        }
    }

    /** The strategy: one {@link Reader} per deserialized copy, i.e. per source subtask. */
    private static final class Strategy implements WatermarkStrategy<Reading> {
        private static final long serialVersionUID = 1L;
        private final Duration outOfOrderness;
        private final Duration silenceAfter;
        private final Duration startupGrace;
        private transient Reader reader;

        Strategy(Duration outOfOrderness, Duration silenceAfter, Duration startupGrace) {
            this.outOfOrderness = outOfOrderness;
            this.silenceAfter = silenceAfter;
            this.startupGrace = startupGrace;
        }

        @Override
        public WatermarkGenerator<Reading> createWatermarkGenerator(
                org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier.Context context) {
            // Flink makes the main output's generator first (ProgressiveTimestampsAndWatermarks.createMainOutput),
            // then one per split as the reader gets them (createOutputForSplit, through the main output)
            RelativeClock activity = context.getInputActivityClock();
            boolean main = reader == null;
            if (main) {
                reader = new Reader();
            } else {
                reader.splitAdded();
            }
            return new SilenceAwareWatermarks(outOfOrderness, silenceAfter, startupGrace, System::currentTimeMillis,
                    activity, reader, main);
        }
    }

    private final long outOfOrderness;
    private final long silenceAfter;
    private final long startupGrace;
    private final LongSupplier wallClock;
    private final RelativeClock activity;
    private final Reader reader;
    /** Whether this is the generator of the reader's main output, not of a split. */
    private final boolean main;
    private long maxEventTime = Long.MIN_VALUE;
    private long lastEventAt;
    /** How far behind the wall clock the split's newest reading was when the last reading came in (ms). */
    private long behind;
    private long emitted = Long.MIN_VALUE;
    private boolean received;

    /**
     * @param wallClock    what event time follows during silence (epoch ms)
     * @param activity     what silence is measured on: runs only while the source could take in readings
     * @param startupGrace how long a split waits before its first reading (and one catching up in a pause) before
     *                     event time follows the wall clock
     * @param reader       what the splits of this generator's reader share
     * @param main         whether this generator is the reader's main output's (readings come through it only from
     *                     sources that do not use split outputs)
     */
    SilenceAwareWatermarks(Duration outOfOrderness, Duration silenceAfter, Duration startupGrace,
                           LongSupplier wallClock, RelativeClock activity, Reader reader, boolean main) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.silenceAfter = silenceAfter.toMillis();
        this.startupGrace = startupGrace.toMillis();
        this.wallClock = wallClock;
        this.activity = activity;
        this.reader = reader;
        this.main = main;
        this.lastEventAt = activity.relativeTimeMillis();
    }

    static WatermarkStrategy<Reading> strategy(Duration outOfOrderness, Duration silenceAfter,
                                               Duration startupGrace) {
        return new Strategy(outOfOrderness, silenceAfter, startupGrace)
                .withTimestampAssigner((reading, recordTimestamp) -> reading.eventTime().toEpochMilli());
    }

    @Override
    public void onEvent(Reading event, long eventTimestamp, WatermarkOutput output) {
        maxEventTime = Math.max(maxEventTime, eventTimestamp);
        received = true;
        lastEventAt = activity.relativeTimeMillis();
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
        // the splits speak for a reader that has them; one without any must not hold the other readers back
        return (!main || reader.splits == 0) && now - lastEventAt >= startupGrace;
    }

    /** Whether the split's newest reading was behind the wall clock by more than any silence or reordering explains. */
    private boolean catchingUp() {
        return behind > silenceAfter + outOfOrderness;
    }
}
