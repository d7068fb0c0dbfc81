package io.hazardwatch.streamjobs.detection;

/**
 * One sensor's trend window as time slots, oldest first from {@code head}, in parallel rings: each slot's number
 * (event time / slot width), how many readings fell in it, and the sums of their time offsets within the slot and
 * of their values. A Flink POJO: public fields, no-argument constructor.
 */
public class TrendState {

    public long[] slots = new long[0];
    public int[] counts = new int[0];
    public double[] offsetSums = new double[0];
    public double[] valueSums = new double[0];
    public int head;
    public int size;
    public boolean active;
    public long episodeStart;

    public TrendState() {
    }
}
