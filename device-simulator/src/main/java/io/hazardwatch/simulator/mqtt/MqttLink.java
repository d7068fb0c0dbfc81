package io.hazardwatch.simulator.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * One asynchronous MQTT client connection, whichever protocol version. Every operation returns at once; its
 * future completes when the broker answered (CONNACK, PUBACK for QoS 1, SUBACK) or, for QoS 0, when the
 * message was written. A future fails with {@link MqttFailure} naming what went wrong.
 */
public interface MqttLink extends AutoCloseable {

    CompletableFuture<Void> connect();

    /**
     * Completes at the PUBACK (QoS 1) or once sent (QoS 0). With MQTT 5 a PUBACK carrying a reason code
     * of 0x80 or above fails the future with that code.
     */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos);

    /** Subscribes; {@code handler} gets (topic, payload) on Paho's callback thread. */
    CompletableFuture<Void> subscribe(String filter, int qos, BiConsumer<String, byte[]> handler);

    boolean isConnected();

    /** Disconnects cleanly (waits at most a second) and releases the client's threads. */
    @Override
    void close();

    /** An MQTT operation failed: the reason code (Paho's or the broker's) and its text. */
    final class MqttFailure extends RuntimeException {
        private final int reasonCode;

        public MqttFailure(String message, int reasonCode, Throwable cause) {
            super(message, cause);
            this.reasonCode = reasonCode;
        }

        public int reasonCode() {
            return reasonCode;
        }
    }
}
