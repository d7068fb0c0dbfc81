package io.hazardwatch.alerts.incident;

/**
 * What an enterprise says caused one of its alarms, in its feedback ({@link Feedback}). The duty room reads the
 * record with it; the hidden-danger patterns and the enterprise grading count real releases and false alarms.
 */
public enum Cause {
    /** A real release of gas, dust or heat: the alarm was right. */
    REAL_RELEASE,
    /** The sensor or its wiring failed. */
    SENSOR_FAULT,
    /** Maintenance or calibration work set the sensor off. */
    MAINTENANCE,
    /** A planned test of the alarm chain. */
    TEST,
    /** A false alarm whose cause is not known. */
    FALSE_ALARM;

    /** Whether the alarm was not a real danger (a fault, work on the sensor, a test or a false alarm). */
    public boolean notReal() {
        return this != REAL_RELEASE;
    }
}
