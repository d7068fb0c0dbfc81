package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.model.Reading;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * The InfluxDB form of a reading: measurement {@code reading}, one series per sensor (tags), field
 * {@code value} as float, at the reading's event time in milliseconds.
 */
public final class ReadingPoints {

    public static final String MEASUREMENT = "reading";

    private ReadingPoints() {
    }

    public static Point toPoint(Reading reading) {
        return Point.measurement(MEASUREMENT)
                .time(reading.eventTime().toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag("enterprise", reading.enterprise())
                .tag("device", reading.device())
                .tag("sensor", reading.sensor())
                .tag("sensor_type", reading.sensorType().name())
                .tag("unit", reading.unit() == null ? reading.sensorType().unit() : reading.unit())
                .addField("value", reading.value())
                .build();
    }
}
