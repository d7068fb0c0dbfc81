package io.hazardwatch.streamjobs.influx;

import java.io.Serializable;
import java.util.function.Function;
import org.influxdb.dto.Point;

/** How an element becomes an InfluxDB point; serializable because it travels inside the sink. */
@FunctionalInterface
public interface PointMapper<T> extends Function<T, Point>, Serializable {
}
