package io.hazardwatch.ingest.intake;

import io.hazardwatch.ingest.validation.Refusal;
import io.hazardwatch.model.DeviceStatus;
import io.hazardwatch.model.Reading;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Hands messages to durable storage (the Kafka version is {@code kafka.KafkaReadingSender}; the intake knows only
 * this interface). Each returned Future succeeds only once the broker has acknowledged
 * the write with acks=all; it fails when the write could not be made durable (broker down past the
 * delivery timeout, record too large, not authorised). Futures complete on the caller's Vert.x context.
 */
public interface ReadingSender {

    /** Stores validated readings on the readings topic, keyed by {@link io.hazardwatch.model.SensorKey}. */
    Future<Void> send(List<Reading> readings);

    /** Stores a refused payload, byte for byte, on the dead-letter topic with the reason in its headers. */
    Future<Void> deadLetter(RefusedMessage message);

    /** Stores a device online/offline event on the device-status topic, keyed by its device's address. */
    Future<Void> status(DeviceStatus status);

    /** Succeeds with true when Kafka answers (metadata of the readings topic within a few seconds). */
    Future<Boolean> ready();

    Future<Void> close();

    /**
     * A refused payload and where it came from.
     *
     * @param topic the readings topic it was sent to (for HTTP, its path), as a replay would publish it again
     */
    record RefusedMessage(byte[] payload, Refusal refusal, String topic, String clientId, String enterprise,
                          Instant receivedAt) {
    }
}
