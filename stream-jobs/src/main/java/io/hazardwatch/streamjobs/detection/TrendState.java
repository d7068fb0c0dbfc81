package io.hazardwatch.streamjobs.detection;

/**
 * The readings of one sensor's trend window, oldest first from {@code head}, in two parallel rings.
 * A Flink POJO: public fields, no-argument constructor.
 */
public class TrendState {

    public long[] times = new long[0];
    public double[] values = new double[0];
    public int head;
    public int size;
    public boolean active;
    public long episodeStart;

    public TrendState() {
    }
}
