package io.hazardwatch.simulator.replay;

import java.time.Instant;

/** One message of a recording: when it was seen, on which MQTT topic, and its payload bytes. */
public record RecordedMessage(Instant at, String topic, byte[] payload) {
}
