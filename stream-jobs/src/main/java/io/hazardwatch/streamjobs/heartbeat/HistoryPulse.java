package io.hazardwatch.streamjobs.heartbeat;

import io.hazardwatch.model.Heartbeat;
import java.time.Instant;

/**
 * The figures of one history writer's heartbeat: the newest event time written, and since when writes have been
 * failing (the first failed attempt since the last good write; null while writes succeed) with the last error.
 * Written by the writer's thread, read by the heartbeat thread.
 */
public final class HistoryPulse {

    private final String instance;
    private volatile Instant newestWritten;
    private volatile Instant failingSince;
    private volatile String lastError;

    public HistoryPulse(int subtask) {
        this.instance = "history-" + subtask;
    }

    /** A batch is in InfluxDB; {@code newestEventMillis} is the newest point's time in it. */
    public void written(long newestEventMillis) {
        Instant before = newestWritten;
        if (newestEventMillis != Long.MIN_VALUE && (before == null || newestEventMillis > before.toEpochMilli())) {
            newestWritten = Instant.ofEpochMilli(newestEventMillis);
        }
        failingSince = null;
        lastError = null;
    }

    /** An attempt to write failed at {@code now} (it may still be retried). */
    public void failed(Instant now, String error) {
        if (failingSince == null) {
            failingSince = now;
        }
        lastError = error;
    }

    public Heartbeat next(Instant now) {
        Instant since = failingSince;
        return new Heartbeat(Heartbeat.SCHEMA, Heartbeat.Stage.HISTORY, instance, now, newestWritten, null, since,
                since == null ? null : lastError);
    }
}
