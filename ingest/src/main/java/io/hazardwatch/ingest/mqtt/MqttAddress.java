package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.model.Topics;
import java.util.Optional;

/** A parsed topic {@code hazardwatch/v1/{enterprise}/{device}/readings} (or {@code /status}, {@code /errors}). */
public record MqttAddress(String enterprise, String device) {

    /** Parses a readings topic. */
    public static Optional<MqttAddress> parse(String topic) {
        return parse(topic, Topics.MQTT_READINGS_SUFFIX);
    }

    /** Parses {@code hazardwatch/v1/{enterprise}/{device}{suffix}}. */
    public static Optional<MqttAddress> parse(String topic, String suffix) {
        if (topic == null || !topic.startsWith(Topics.MQTT_PREFIX) || !topic.endsWith(suffix)
                || topic.length() <= Topics.MQTT_PREFIX.length() + suffix.length()) {
            return Optional.empty();
        }
        String middle = topic.substring(Topics.MQTT_PREFIX.length(), topic.length() - suffix.length());
        int slash = middle.indexOf('/');
        if (slash <= 0 || slash == middle.length() - 1 || middle.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new MqttAddress(middle.substring(0, slash), middle.substring(slash + 1)));
    }
}
