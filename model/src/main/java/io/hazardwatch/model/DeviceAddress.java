package io.hazardwatch.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One device of one enterprise, as a message names it: parsed once where it arrives (the MQTT topic
 * {@code hazardwatch/v1/{enterprise}/{device}/readings}, the HTTP path of the same shape, a bridged topic) and
 * handed on typed. Its string form {@code enterprise/device} is the Kafka record key of the device's status events
 * ({@link Topics#DEVICE_STATUS}), as {@link SensorKey}'s is of a sensor's readings.
 */
public record DeviceAddress(String enterprise, String device) {

    public DeviceAddress {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(device, "device");
    }

    /** Parses a readings topic {@code hazardwatch/v1/{enterprise}/{device}/readings}. */
    public static Optional<DeviceAddress> parse(String topic) {
        return parse(topic, Topics.MQTT_READINGS_SUFFIX);
    }

    /**
     * Parses {@code hazardwatch/v1/{enterprise}/{device}{suffix}}; empty when the topic has another shape (a level
     * missing, empty or one too many, another prefix or suffix).
     */
    public static Optional<DeviceAddress> parse(String topic, String suffix) {
        if (topic == null || !topic.startsWith(Topics.MQTT_PREFIX) || !topic.endsWith(suffix)
                || topic.length() <= Topics.MQTT_PREFIX.length() + suffix.length()) {
            return Optional.empty();
        }
        String middle = topic.substring(Topics.MQTT_PREFIX.length(), topic.length() - suffix.length());
        int slash = middle.indexOf('/');
        if (slash <= 0 || slash == middle.length() - 1 || middle.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new DeviceAddress(middle.substring(0, slash), middle.substring(slash + 1)));
    }

    /** {@code hazardwatch/v1/{enterprise}/{device}/readings}: where the device publishes its readings. */
    public String readingsTopic() {
        return topic(Topics.MQTT_READINGS_SUFFIX);
    }

    /** {@code hazardwatch/v1/{enterprise}/{device}/status}: the device's will topic. */
    public String statusTopic() {
        return topic(Topics.MQTT_STATUS_SUFFIX);
    }

    /** {@code hazardwatch/v1/{enterprise}/{device}/errors}: where the gateway tells why its messages were refused. */
    public String errorsTopic() {
        return topic(Topics.MQTT_ERRORS_SUFFIX);
    }

    private String topic(String suffix) {
        return Topics.MQTT_PREFIX + enterprise + "/" + device + suffix;
    }

    /** {@code enterprise/device}: the Kafka record key of the device's status events. */
    @Override
    public String toString() {
        return enterprise + "/" + device;
    }
}
