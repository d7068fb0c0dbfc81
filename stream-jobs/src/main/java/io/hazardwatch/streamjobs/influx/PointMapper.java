package io.hazardwatch.streamjobs.influx;

import java.io.Serializable;
import java.util.function.Function;

/** How an element becomes one line of InfluxDB line protocol; serializable because it travels inside the sink. */
@FunctionalInterface
public interface PointMapper<T> extends Function<T, String>, Serializable {
}
