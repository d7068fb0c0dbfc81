package io.hazardwatch.model;

/**
 * The InfluxDB (1.x) schema of the reading history: the one place its names are spelled. The history job writes
 * it; the board's history reads it.
 *
 * <ul>
 *   <li>{@value #RAW}: every reading, one series per sensor (tags below), field {@value #VALUE} (float), at the
 *       reading's event time in milliseconds;</li>
 *   <li>{@value #MINUTE}: one point per sensor and minute of event time at the minute's start, the same tags,
 *       fields {@value #COUNT}, {@value #MAX}, {@value #MEAN}, {@value #MIN}.</li>
 * </ul>
 */
public final class ReadingSeries {

    /** Measurement of raw readings. */
    public static final String RAW = "reading";
    /** Measurement of one-minute aggregates. */
    public static final String MINUTE = "reading_1m";

    public static final String TAG_DEVICE = "device";
    public static final String TAG_ENTERPRISE = "enterprise";
    public static final String TAG_SENSOR = "sensor";
    public static final String TAG_SENSOR_TYPE = "sensor_type";
    public static final String TAG_UNIT = "unit";

    /** The raw measurement's field. */
    public static final String VALUE = "value";
    public static final String COUNT = "count";
    public static final String MAX = "max";
    public static final String MEAN = "mean";
    public static final String MIN = "min";

    private ReadingSeries() {
    }

    /** The unit a reading is stored under: its own, or its type's. */
    public static String unitOf(Reading reading) {
        return reading.unit() == null ? reading.sensorType().unit() : reading.unit();
    }
}
