package io.hazardwatch.streamjobs.detection;

/**
 * One toxic-gas sensor's exposure over the last eight hours, as the integral of concentration over time
 * per minute of event time (a ring of 480 minutes), with the alarms on it. A Flink POJO.
 */
public class ExposureState {

    /** Minute (epoch minutes) each slot holds; a slot whose minute is too old counts as zero. */
    public long[] minutes = new long[0];
    /** Concentration × seconds accumulated in each slot. */
    public double[] integrals = new double[0];
    public long lastTime = Long.MIN_VALUE;
    public double lastValue;
    /** Minute for which the two sums of the previous minutes below were taken. */
    public long baseMinute = Long.MIN_VALUE;
    public double stelBase;
    public double twaBase;
    public boolean stelActive;
    public long stelStart;
    public boolean twaActive;
    public long twaStart;
    public boolean macActive;
    public long macStart;

    public ExposureState() {
    }
}
