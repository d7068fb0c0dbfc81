package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.model.Reading;

/**
 * The InfluxDB form of a reading: measurement {@code reading}, one series per sensor (tags), field
 * {@code value} as float, at the reading's event time in milliseconds.
 */
public final class ReadingPoints {

    public static final String MEASUREMENT = "reading";

    private ReadingPoints() {
    }

    /** The reading as a line of InfluxDB line protocol (tags in key order). */
    public static String toLine(Reading reading) {
        return LineProtocol.measurement(MEASUREMENT)
                .tag("device", reading.device())
                .tag("enterprise", reading.enterprise())
                .tag("sensor", reading.sensor())
                .tag("sensor_type", reading.sensorType().name())
                .tag("unit", reading.unit() == null ? reading.sensorType().unit() : reading.unit())
                .field("value", reading.value())
                .at(reading.eventTime().toEpochMilli());
    }
}
