package io.hazardwatch.streamjobs.heartbeat;

import io.hazardwatch.model.Heartbeat;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of one detection subtask's heartbeat. The task thread records each reading with
 * {@link #onReading} (three ordered stores, no lock, no allocation); the heartbeat thread turns them into a
 * {@link Heartbeat} every interval with {@link #next}.
 */
public final class DetectionPulse {

    private static final long NONE = Long.MIN_VALUE;

    private final String instance;
    private final long intervalSeconds;
    // written by the task thread only (lazySet: an ordered store, no fence on the hot path), read by the heartbeat's
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong newestLagMillis = new AtomicLong();
    private final AtomicLong watermark = new AtomicLong(NONE);
    /** Touched by the heartbeat thread only. */
    private long readingsBefore;

    public DetectionPulse(int subtask, long intervalSeconds) {
        this.instance = "detection-" + subtask;
        this.intervalSeconds = intervalSeconds;
    }

    /**
     * A reading judged at {@code nowMillis} (processing time) that the gateway accepted at {@code ingestMillis},
     * with the function's watermark at that moment.
     */
    public void onReading(long ingestMillis, long nowMillis, long currentWatermark) {
        newestLagMillis.lazySet(nowMillis - ingestMillis);
        watermark.lazySet(currentWatermark);
        readings.lazySet(readings.get() + 1);
    }

    /** The function's watermark at a timer (event time moves on while no reading comes). */
    public void onWatermark(long currentWatermark) {
        watermark.lazySet(currentWatermark);
    }

    /**
     * The heartbeat for the interval that ends {@code now}: the lag of the newest reading judged in it, or null
     * when none came (idle); the watermark as event time (null before the first).
     */
    public Heartbeat next(Instant now) {
        long count = readings.get();
        long inInterval = count - readingsBefore;
        readingsBefore = count;
        long wm = watermark.get();
        return new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.DETECTION, instance, now,
                wm == NONE || wm == Long.MAX_VALUE ? null : Instant.ofEpochMilli(wm),
                inInterval > 0 ? Math.max(0, newestLagMillis.get()) : null,
                null, "readings=" + inInterval + " in the last " + intervalSeconds + " s");
    }
}
