package io.hazardwatch.streamjobs.detection;

import io.hazardwatch.model.AlarmLevel;

/**
 * The threshold alarm of one sensor behind its {@link FlappingGuard}: the detector's own state, the recent
 * state changes, and what the alarms topic was last told (which differs from the detector's state while the
 * sensor is flapping). A Flink POJO: public fields, no-argument constructor.
 */
public class FlapState {

    public ThresholdState threshold = ThresholdState.NONE;
    /** Event times (ms) of the latest raises and clears, a ring of {@code flapChanges} entries. */
    public long[] changes = new long[0];
    public int changeCount;
    public boolean flapping;
    public long flapStart;
    public long lastChange;
    public double lastValue;
    /** The threshold episode as last published: level NONE when the board shows none. */
    public AlarmLevel publishedLevel = AlarmLevel.NONE;
    public long publishedEpisode;
    public Double publishedSetPoint;

    public FlapState() {
    }
}
