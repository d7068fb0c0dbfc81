package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.model.Topics;
import java.util.Optional;

/** A parsed publish topic: {@code hazardwatch/v1/{enterprise}/{device}/readings}. */
public record MqttAddress(String enterprise, String device) {

    public static Optional<MqttAddress> parse(String topic) {
        if (topic == null || !topic.startsWith(Topics.MQTT_PREFIX) || !topic.endsWith(Topics.MQTT_READINGS_SUFFIX)) {
            return Optional.empty();
        }
        String middle = topic.substring(Topics.MQTT_PREFIX.length(), topic.length() - Topics.MQTT_READINGS_SUFFIX.length());
        String[] parts = middle.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MqttAddress(parts[0], parts[1]));
    }
}
