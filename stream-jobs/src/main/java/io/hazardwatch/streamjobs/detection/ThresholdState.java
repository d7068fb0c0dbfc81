package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmLevel;
import java.time.Instant;

/**
 * Where one sensor's threshold alarm stands between readings.
 *
 * @param level          highest level reached in the current episode; NONE when no episode is open
 * @param episodeStart   event time of the reading that raised the episode (null when NONE)
 * @param raisedSetPoint the set point the episode was raised on, reported again when it clears (null when NONE)
 */
public record ThresholdState(AlarmLevel level, Instant episodeStart, Double raisedSetPoint) {

    public static final ThresholdState NONE = new ThresholdState(AlarmLevel.NONE, null, null);

    public boolean active() {
        return level != AlarmLevel.NONE;
    }
}
