package io.hazardwatch.streamjobs.detection;

/**
 * Everything the detection job remembers about one sensor: one field per detector (null when the sensor's
 * rule has that detector switched off), and the latest reading's event time for ordering.
 * A Flink POJO: public fields, no-argument constructor.
 */
public class SensorState {

    /** Event time (ms) of the newest reading judged; older readings are not given to the detectors. */
    public long lastEventTime = Long.MIN_VALUE;
    /** The rule version the state was last judged with (for the log line on a rule change). */
    public int ruleVersion;
    /** The event-time timer registered for this sensor, {@link Detector#NO_TIMER} when none. */
    public long timer = Detector.NO_TIMER;
    public FlapState threshold;
    public OnOffState stuck;
    public OnOffState range;
    public TrendState trend;
    public ExposureState exposure;

    public SensorState() {
    }
}
