package io.hazardwatch.simulator.scenario;

import java.util.List;

/** What one device measures at one tick: the values of all its sensors. */
public record DeviceSample(String enterprise, String device, List<Value> values) {

    public DeviceSample {
        values = List.copyOf(values);
    }

    public record Value(String sensor, double value, String unit) {
    }
}
