package io.hazardwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What a device or enterprise gateway publishes on {@code hazardwatch/v1/{enterprise}/{device}/readings}:
 * either one reading, {@code {"sensor":"lel-01","value":12.5,"unit":"%LEL","ts":"2026-11-24T08:00:00Z"}},
 * or a batch, {@code {"readings":[{...},{...}]}}. {@code ts} (ISO-8601, or epoch milliseconds) is optional:
 * the gateway uses its receive time when it is missing. {@code unit} must match the sensor type's unit.
 * The gateway parses leniently to name every problem; this record is how well-behaved clients write it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceMessage(String sensor, Double value, String unit, Instant ts, List<DeviceMessage> readings) {

    public static DeviceMessage reading(String sensor, double value, String unit, Instant ts) {
        return new DeviceMessage(sensor, value, unit, ts, null);
    }

    public static DeviceMessage batch(List<DeviceMessage> readings) {
        return new DeviceMessage(null, null, null, null, readings);
    }
}
