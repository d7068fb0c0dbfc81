package io.hazardwatch.model;

/** Identifies one sensor across the park. Its string form is the Kafka record key of its readings. */
public record SensorKey(String enterprise, String device, String sensor) {

    @Override
    public String toString() {
        return enterprise + "/" + device + "/" + sensor;
    }
}
