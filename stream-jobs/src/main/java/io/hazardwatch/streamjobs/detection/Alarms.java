package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where detectors put the transitions they decide on, with the wall-clock time of detection. One instance
 * is reused for every call of a keyed function (hence {@link #reset}), so detection allocates nothing here.
 */
public final class Alarms {

    private final List<AlarmEvent> events = new ArrayList<>();
    private Instant now;

    public Alarms(Instant now) {
        this.now = now;
    }

    /** Empties the list and sets the detection time for the next call. */
    public Alarms reset(Instant detectionTime) {
        events.clear();
        now = detectionTime;
        return this;
    }

    public Instant now() {
        return now;
    }

    public void emit(AlarmEvent event) {
        events.add(event);
    }

    public List<AlarmEvent> events() {
        return events;
    }
}
