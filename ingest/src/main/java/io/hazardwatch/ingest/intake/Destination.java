package io.hazardwatch.ingest.intake;

import io.hazardwatch.model.DeviceAddress;

/**
 * Where a message was sent, read once by the edge that received it: the device its topic (or HTTP path) names, or,
 * when the topic names none, that topic as sent, which the intake refuses (TOPIC_INVALID) and keeps with the
 * dead letter so that the message can be replayed once its topic is fixed.
 */
public sealed interface Destination {

    /** The topic as the log and the dead-letter record name it. */
    String topic();

    /** The destination of a message published on an MQTT readings topic. */
    static Destination ofTopic(String topic) {
        return DeviceAddress.parse(topic).<Destination>map(Device::new).orElseGet(() -> new NoDevice(topic));
    }

    /** A device's readings. */
    record Device(DeviceAddress address) implements Destination {
        @Override
        public String topic() {
            return address.readingsTopic();
        }
    }

    /** A topic that is not {@code hazardwatch/v1/{enterprise}/{device}/readings}. */
    record NoDevice(String topic) implements Destination {
    }
}
