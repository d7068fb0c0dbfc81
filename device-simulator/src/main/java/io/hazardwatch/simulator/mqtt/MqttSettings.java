package io.hazardwatch.simulator.mqtt;

import java.time.Duration;

/**
 * How the publisher talks to the broker.
 *
 * @param connectTimeout    how long one connection attempt may take
 * @param publishTimeout    how long to wait for a QoS 1 PUBACK before counting the publish as failed
 * @param connectRetry      pause between attempts while the first connection has not succeeded yet
 * @param maxReconnectDelay cap of Paho's automatic reconnect back-off once a connection was lost
 */
public record MqttSettings(Duration connectTimeout, Duration publishTimeout, Duration connectRetry,
                           Duration maxReconnectDelay) {

    /** 5 s to connect or publish, 5 s between first attempts, reconnect back-off capped at 10 s. */
    public static MqttSettings defaults() {
        return new MqttSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }
}
