package io.hazardwatch.streamjobs.detection;

/**
 * State of a detector whose alarm is simply on or off (offline, faults, exposure limits), plus a few
 * figures the detector keeps between readings. A Flink POJO: public fields, no-argument constructor.
 */
public class OnOffState {

    public boolean active;
    /** Event time (ms) the open episode started at; meaningful while {@link #active}. */
    public long episodeStart;
    /** Event time (ms) of the latest reading seen. */
    public long lastTime = Long.MIN_VALUE;
    public double lastValue;
    /** Detector-specific: where the current run of readings began (stuck) or the reference value. */
    public long runStart;
    public double runValue;
    public int runCount;

    public OnOffState() {
    }
}
