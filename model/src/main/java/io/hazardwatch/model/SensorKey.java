package io.hazardwatch.model;

import java.io.Serializable;

/** Identifies one sensor across the park. Its string form is the Kafka record key of its readings. */
public record SensorKey(String enterprise, String device, String sensor) implements Serializable {

    @Override
    public String toString() {
        return enterprise + "/" + device + "/" + sensor;
    }
}
