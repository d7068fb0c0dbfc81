package io.hazardwatch.simulator.mqtt;

import java.time.Duration;

/**
 * How the publisher talks to the broker.
 *
 * @param connectTimeout    how long one connection attempt may take
 * @param publishTimeout    how long to wait for a QoS 1 PUBACK before counting the publish as failed
 * @param connectRetry      pause between attempts while the first connection has not succeeded yet
 * @param maxReconnectDelay cap of Paho's automatic reconnect back-off once a connection was lost
 * @param version           MQTT protocol version: 3 (3.1.1) or 5
 * @param qos               0 or 1
 */
public record MqttSettings(Duration connectTimeout, Duration publishTimeout, Duration connectRetry,
                           Duration maxReconnectDelay, int version, int qos) {

    public MqttSettings(Duration connectTimeout, Duration publishTimeout, Duration connectRetry,
                        Duration maxReconnectDelay) {
        this(connectTimeout, publishTimeout, connectRetry, maxReconnectDelay, 3, 1);
    }

    /** 5 s to connect or publish, 5 s between first attempts, reconnect back-off capped at 10 s; MQTT 3.1.1, QoS 1. */
    public static MqttSettings defaults() {
        return new MqttSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    public MqttSettings with(int version, int qos) {
        return new MqttSettings(connectTimeout, publishTimeout, connectRetry, maxReconnectDelay, version, qos);
    }
}
