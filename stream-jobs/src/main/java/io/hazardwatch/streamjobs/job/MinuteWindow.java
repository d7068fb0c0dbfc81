package io.hazardwatch.streamjobs.job;

import io.hazardwatch.model.Reading;
import io.hazardwatch.model.ReadingSeries;
import io.hazardwatch.streamjobs.influx.MinuteAggregate;
import io.hazardwatch.streamjobs.influx.MinuteAggregate.Accumulator;
import java.time.Instant;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The Flink functions of the history job's one-minute windows: {@link Accumulate} keeps a window's running
 * figures ({@link Accumulator}), {@link Close} turns them into the {@link MinuteAggregate} the store
 * writes.
 */
public final class MinuteWindow {

    private MinuteWindow() {
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
                acc.unit = ReadingSeries.unitOf(reading);
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
