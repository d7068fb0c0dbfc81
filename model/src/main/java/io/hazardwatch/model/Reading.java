package io.hazardwatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One validated measurement, as the gateway puts it on the readings topic.
 *
 * @param schema     payload schema version, {@link #SCHEMA} for this class
 * @param eventTime  when the sensor measured (device clock, checked by the gateway); a stamp ahead of the gateway's
 *                   clock by more than its tolerance is clamped to {@code ingestTime}, so it is never in the future
 * @param ingestTime when the gateway accepted it
 */
public record Reading(
        int schema,
        String enterprise,
        String device,
        String sensor,
        SensorType sensorType,
        double value,
        String unit,
        Instant eventTime,
        Instant ingestTime) {

    public static final int SCHEMA = 1;

    public Reading {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(sensorType, "sensorType");
        Objects.requireNonNull(eventTime, "eventTime");
    }

    /** The sensor; its string form is the Kafka record key. */
    public SensorKey sensorKey() {
        return new SensorKey(enterprise, device, sensor);
    }
}
