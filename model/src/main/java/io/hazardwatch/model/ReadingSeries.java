package io.hazardwatch.model;

/**
 * The InfluxDB (1.x) schema of the reading history: the one place its names are spelled. The history job writes
 * it; the board's history reads it.
 *
 * <ul>
 *   <li>{@value #RAW}: every reading, one series per sensor (tags below), field {@value #VALUE} (float), at the
 *       reading's event time in milliseconds;</li>
 *   <li>{@value #MINUTE}: one point per sensor and minute of event time at the minute's start, the same tags,
 *       fields {@value #COUNT}, {@value #MAX}, {@value #MEAN}, {@value #MIN};</li>
 *   <li>{@value #INCIDENT} (the alert service, issue 21): one point per incident event ({@value #TAG_EVENT}:
 *       {@value #EVENT_OPENED}, {@value #EVENT_ACKNOWLEDGED}, {@value #EVENT_CLEARED}, {@value #EVENT_CLOSED}) at its
 *       time in milliseconds, tags {@value #TAG_ENTERPRISE}, {@value #TAG_DEVICE}, {@value #TAG_SENSOR} (absent for
 *       a device's alarm), {@value #TAG_ALARM_TYPE}, {@value #TAG_LEVEL}, {@value #TAG_EVENT}; fields
 *       {@value #INCIDENT_ID} (string), {@value #VALUE} and {@value #THRESHOLD} (float, the latter absent when the
 *       alarm has none) — so history charts can overlay a sensor's alarms on its readings.</li>
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

    /** Measurement of incident events (the alert service writes it; the board's sensor chart overlays it). */
    public static final String INCIDENT = "incident";
    public static final String TAG_ALARM_TYPE = "alarm_type";
    public static final String TAG_LEVEL = "level";
    public static final String TAG_EVENT = "event";
    public static final String INCIDENT_ID = "incident_id";
    public static final String THRESHOLD = "threshold";
    public static final String EVENT_OPENED = "opened";
    public static final String EVENT_ACKNOWLEDGED = "acknowledged";
    public static final String EVENT_CLEARED = "cleared";
    public static final String EVENT_CLOSED = "closed";

    private ReadingSeries() {
    }

    /** The unit a reading is stored under: its own, or its type's. */
    public static String unitOf(Reading reading) {
        return reading.unit() == null ? reading.sensorType().unit() : reading.unit();
    }
}
