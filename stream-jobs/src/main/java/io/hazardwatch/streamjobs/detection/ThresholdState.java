package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmLevel;
import java.time.Instant;

/**
 * Where one sensor's threshold alarm stands between readings.
 *
 * @param level          highest level reached in the current episode; NONE when no episode is open
 * @param episodeStart   event time at which the episode was raised (null when NONE)
 * @param raisedSetPoint the set point the episode was raised on, reported again when it clears (null when NONE)
 * @param pendingLevel   while no episode is open: the level the latest readings reach, waiting for the
 *                       "for N seconds" / "N in a row" conditions (NONE when nothing is pending)
 * @param pendingSince   event time (ms) of the first reading of the pending run
 * @param pendingCount   readings in a row in the pending run
 * @param pendingReadyAt event time (ms) at which the run reached {@code inRow} readings (0 before)
 * @param pendingValue   value of the latest reading of the pending run
 */
public record ThresholdState(AlarmLevel level, Instant episodeStart, Double raisedSetPoint,
                             AlarmLevel pendingLevel, long pendingSince, int pendingCount, long pendingReadyAt,
                             double pendingValue) {

    public static final ThresholdState NONE = new ThresholdState(AlarmLevel.NONE, null, null, AlarmLevel.NONE, 0, 0, 0, 0);

    public boolean active() {
        return level != AlarmLevel.NONE;
    }

    boolean pending() {
        return pendingLevel != AlarmLevel.NONE;
    }

    static ThresholdState open(AlarmLevel level, Instant episodeStart, Double setPoint) {
        return new ThresholdState(level, episodeStart, setPoint, AlarmLevel.NONE, 0, 0, 0, 0);
    }
}
