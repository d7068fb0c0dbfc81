package io.hazardwatch.simulator.mqtt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How one {@link MqttLink} connects.
 *
 * @param broker            {@code tcp://host:port}, or {@code ssl://host:port} for TLS (the JVM's trust store,
 *                          {@code -Djavax.net.ssl.trustStore=...})
 * @param version           3 (MQTT 3.1.1) or 5
 * @param maxInflight       most QoS 1 publishes awaiting their PUBACK on this connection
 * @param automaticReconnect let Paho reconnect by itself once the first connection succeeded
 */
public record LinkOptions(String broker, int version, String clientId, String username, String password,
                          Duration connectTimeout, int maxInflight, boolean automaticReconnect,
                          Duration maxReconnectDelay) {

    /** MQTT 3.1.1 servers need only accept client ids up to 23 characters (Vert.x MQTT enforces it). */
    public static final int MAX_CLIENT_ID = 23;

    public static LinkOptions of(String broker, int version, String clientId, String username, String password) {
        return new LinkOptions(broker, version, clientId, username, password, Duration.ofSeconds(10), 1000, false,
                Duration.ofSeconds(10));
    }

    public LinkOptions withInflight(int inflight) {
        return new LinkOptions(broker, version, clientId, username, password, connectTimeout, inflight,
                automaticReconnect, maxReconnectDelay);
    }

    public LinkOptions withReconnect(Duration connectTimeout, Duration maxDelay) {
        return new LinkOptions(broker, version, clientId, username, password, connectTimeout, maxInflight, true,
                maxDelay);
    }

    /** {@code prefix} plus a random suffix, cut to {@link #MAX_CLIENT_ID} characters. */
    public static String clientId(String prefix) {
        String suffix = "-" + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xF000));
        return prefix.substring(0, Math.min(prefix.length(), MAX_CLIENT_ID - suffix.length())) + suffix;
    }

    /** Opens the link with the Paho client of {@link #version}. */
    public MqttLink open() {
        return version == 5 ? new PahoV5Link(this) : new PahoV3Link(this);
    }
}
