package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.model.Reading;
import java.time.Instant;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * One sensor's readings in one minute of event time: min, max, mean and count. Stored as measurement
 * {@code reading_1m} at the minute's start, tags as the raw {@code reading}; a late reading re-emits the
 * minute, whose point then overwrites the earlier one.
 */
public record MinuteAggregate(String enterprise, String device, String sensor, String sensorType, String unit,
                              Instant minute, double min, double max, double mean, long count) {

    public static final String MEASUREMENT = "reading_1m";

    /** The aggregate as a line of InfluxDB line protocol (tags and fields in key order). */
    public String toLine() {
        return LineProtocol.measurement(MEASUREMENT)
                .tag("device", device)
                .tag("enterprise", enterprise)
                .tag("sensor", sensor)
                .tag("sensor_type", sensorType)
                .tag("unit", unit)
                .field("count", count)
                .field("max", max)
                .field("mean", mean)
                .field("min", min)
                .at(minute.toEpochMilli());
    }

    /** Running figures of one window. A Flink POJO. */
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

    /** Adds readings to the window's figures; non-finite values are left out. */
    public static final class Accumulate implements AggregateFunction<Reading, Accumulator, Accumulator> {

        @Override
        public Accumulator createAccumulator() {
            return new Accumulator();
        }

        @Override
        public Accumulator add(Reading reading, Accumulator acc) {
            if (acc.sensor == null) {
                acc.enterprise = reading.enterprise();
                acc.device = reading.device();
                acc.sensor = reading.sensor();
                acc.sensorType = reading.sensorType().name();
                acc.unit = reading.unit() == null ? reading.sensorType().unit() : reading.unit();
            }
            double v = reading.value();
            if (Double.isFinite(v)) {
                acc.min = Math.min(acc.min, v);
                acc.max = Math.max(acc.max, v);
                acc.sum += v;
                acc.count++;
            }
            return acc;
        }

        @Override
        public Accumulator getResult(Accumulator acc) {
            return acc;
        }

        @Override
        public Accumulator merge(Accumulator a, Accumulator b) {
            Accumulator m = b.sensor == null ? a : b;
            Accumulator out = new Accumulator();
            out.enterprise = m.enterprise;
            out.device = m.device;
            out.sensor = m.sensor;
            out.sensorType = m.sensorType;
            out.unit = m.unit;
            out.min = Math.min(a.min, b.min);
            out.max = Math.max(a.max, b.max);
            out.sum = a.sum + b.sum;
            out.count = a.count + b.count;
            return out;
        }
    }

    /** Stamps the window's start on its figures; a window without a finite value gives nothing. */
    public static final class Close extends ProcessWindowFunction<Accumulator, MinuteAggregate, String, TimeWindow> {

        @Override
        public void process(String key, Context context, Iterable<Accumulator> elements, Collector<MinuteAggregate> out) {
            for (Accumulator acc : elements) {
                if (acc.count > 0) {
                    out.collect(new MinuteAggregate(acc.enterprise, acc.device, acc.sensor, acc.sensorType, acc.unit,
                            Instant.ofEpochMilli(context.window().getStart()), acc.min, acc.max, acc.sum / acc.count,
                            acc.count));
                }
            }
        }
    }
}
