package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where detectors put the transitions they decide on, with the two clocks of the call: the wall-clock time of
 * detection and where event time stands (the operator's watermark). One instance is reused for every call of a
 * keyed function (hence {@link #reset}), so detection allocates nothing here.
 */
public final class Alarms {

    /** {@link #watermark()} before event time has started. */
    public static final long NO_WATERMARK = Long.MIN_VALUE;

    private final List<AlarmEvent> events = new ArrayList<>();
    private Instant now;
    private long watermark;

    public Alarms(Instant now) {
        this(now, NO_WATERMARK);
    }

    public Alarms(Instant now, long watermark) {
        this.now = now;
        this.watermark = watermark;
    }

    /** Empties the list and sets the detection time and event time for the next call. */
    public Alarms reset(Instant detectionTime, long watermark) {
        events.clear();
        now = detectionTime;
        this.watermark = watermark;
        return this;
    }

    /** Empties the list and sets the detection time for the next call; event time has not started. */
    public Alarms reset(Instant detectionTime) {
        return reset(detectionTime, NO_WATERMARK);
    }

    /** Wall-clock time of detection: every event's {@code detectedTime}. */
    public Instant now() {
        return now;
    }

    /** Event time (epoch ms) the call is made at: the keyed function's current watermark. */
    public long watermark() {
        return watermark;
    }

    public void emit(AlarmEvent event) {
        events.add(event);
    }

    public List<AlarmEvent> events() {
        return events;
    }
}
