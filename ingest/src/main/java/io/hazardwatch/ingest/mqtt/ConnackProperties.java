package io.hazardwatch.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.mqtt.MqttEndpoint;
import java.util.concurrent.TimeUnit;

/** What an accepting CONNACK says: how long the session is kept, and (MQTT 5) what the gateway offers. */
final class ConnackProperties {

    private ConnackProperties() {
    }

    /** 3.1.1: clean session 0 keeps the session for the configured time; MQTT 5: what the client asks, capped. */
    static long sessionExpiryNanos(MqttEndpoint endpoint, GatewayServices services) {
        long max = services.maxSessionExpiry().toNanos();
        if (endpoint.protocolVersion() != MqttGateway.MQTT_5) {
            return endpoint.isCleanSession() ? 0 : max;
        }
        MqttProperties.MqttProperty<?> requested = endpoint.connectProperties()
                .getProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
        long seconds = requested == null ? 0 : Integer.toUnsignedLong((Integer) requested.value());
        return Math.min(TimeUnit.SECONDS.toNanos(seconds), max);
    }

    static MqttProperties of(MqttEndpoint endpoint, long expiryNanos, GatewayServices services) {
        MqttProperties props = new MqttProperties();
        if (endpoint.protocolVersion() == MqttGateway.MQTT_5) {
            // QoS 2 is not offered: exactly-once towards Kafka comes from idempotent writes, not the MQTT handshake
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_QOS.value(), 1));
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 1));
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(),
                    services.maxInFlightPerConnection()));
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(),
                    (int) TimeUnit.NANOSECONDS.toSeconds(expiryNanos)));
        }
        return props;
    }
}
