package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.model.Reading;
import io.hazardwatch.model.ReadingSeries;

/**
 * The InfluxDB form of a reading, in the schema {@link ReadingSeries} spells: measurement {@value ReadingSeries#RAW},
 * one series per sensor (tags), field {@value ReadingSeries#VALUE} as float, at the reading's event time in
 * milliseconds.
 */
public final class ReadingPoints {

    private ReadingPoints() {
    }

    /** The reading as a line of InfluxDB line protocol (tags in key order). */
    public static String toLine(Reading reading) {
        return LineProtocol.measurement(ReadingSeries.RAW)
                .tag(ReadingSeries.TAG_DEVICE, reading.device())
                .tag(ReadingSeries.TAG_ENTERPRISE, reading.enterprise())
                .tag(ReadingSeries.TAG_SENSOR, reading.sensor())
                .tag(ReadingSeries.TAG_SENSOR_TYPE, reading.sensorType().name())
                .tag(ReadingSeries.TAG_UNIT, ReadingSeries.unitOf(reading))
                .field(ReadingSeries.VALUE, reading.value())
                .at(reading.eventTime().toEpochMilli());
    }
}
