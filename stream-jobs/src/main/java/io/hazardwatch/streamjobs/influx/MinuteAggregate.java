package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.model.ReadingSeries;
import java.time.Instant;

/**
 * One sensor's readings in one minute of event time: min, max, mean and count. Stored as measurement
 * {@value ReadingSeries#MINUTE} at the minute's start, tags as the raw {@value ReadingSeries#RAW}
 * ({@link ReadingSeries}); a late reading re-emits the minute, whose point then overwrites the earlier one.
 */
public record MinuteAggregate(String enterprise, String device, String sensor, String sensorType, String unit,
                              Instant minute, double min, double max, double mean, long count) {

    /** The aggregate as a line of InfluxDB line protocol (tags and fields in key order). */
    public String toLine() {
        return LineProtocol.measurement(ReadingSeries.MINUTE)
                .tag(ReadingSeries.TAG_DEVICE, device)
                .tag(ReadingSeries.TAG_ENTERPRISE, enterprise)
                .tag(ReadingSeries.TAG_SENSOR, sensor)
                .tag(ReadingSeries.TAG_SENSOR_TYPE, sensorType)
                .tag(ReadingSeries.TAG_UNIT, unit)
                .field(ReadingSeries.COUNT, count)
                .field(ReadingSeries.MAX, max)
                .field(ReadingSeries.MEAN, mean)
                .field(ReadingSeries.MIN, min)
                .at(minute.toEpochMilli());
    }

    /**
     * Running figures of one window ({@code job.MinuteWindow} fills them). A Flink POJO, and window state: its class
     * name is in the history job's checkpoints, so it stays here, where those checkpoints look for it.
     */
    public static class Accumulator {
        public String enterprise;
        public String device;
        public String sensor;
        public String sensorType;
        public String unit;
        public double min = Double.POSITIVE_INFINITY;
        public double max = Double.NEGATIVE_INFINITY;
        public double sum;
        public long count;

        public Accumulator() {
        }
    }
}
