package io.hazardwatch.streamjobs.detection;

/**
 * What the offline detection remembers about one device: per sensor of the device that has reported (parallel
 * arrays, a device has a handful of sensors) and the device's own alarm. A Flink POJO: public fields, no-argument
 * constructor, arrays of primitives and strings only (no Kryo).
 */
public class DeviceState {

    /** Sensor ids (within the device), in the order they first reported. */
    public String[] sensors = new String[0];
    /** Event time (ms) of each sensor's newest reading. */
    public long[] lastTime = new long[0];
    /**
     * Event time (ms) up to which each sensor is known to be alive: its newest reading's event time, or the watermark
     * at which a reading of it came in late. Silence, and so each deadline, counts from here.
     */
    public long[] aliveUntil = new long[0];
    /** Each sensor's offline interval (ms, 0 = off) under the rule of its newest reading. */
    public long[] interval = new long[0];
    public double[] lastValue = new double[0];
    /** The sensor's own OFFLINE alarm is raised; its episode start. */
    public boolean[] active = new boolean[0];
    public long[] episodeStart = new long[0];
    /**
     * Event time of the first reading of another sensor of the device at or after this sensor's deadline (proof
     * that the device itself was alive while this sensor was silent), {@link DeviceOfflineDetector#NONE} if none.
     */
    public long[] evidence = new long[0];

    /** The device's OFFLINE alarm (no sensor) is raised; its episode start and the interval it was raised on. */
    public boolean deviceActive;
    public long deviceEpisodeStart;
    public long deviceInterval;

    /** The event-time timer registered for this device, {@link Detector#NO_TIMER} when none. */
    public long timer = Detector.NO_TIMER;

    public DeviceState() {
    }
}
