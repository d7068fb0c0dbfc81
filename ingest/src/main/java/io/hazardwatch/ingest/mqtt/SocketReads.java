package io.hazardwatch.ingest.mqtt;

import io.netty.channel.Channel;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.impl.MqttEndpointImpl;
import java.lang.reflect.Field;

/**
 * Stops and restarts reading one client's socket. Vert.x's MqttEndpoint has no pause/resume, so this
 * reaches its connection and turns Netty's auto-read off: TCP flow control then holds the client back
 * instead of the gateway buffering its messages. Checked at class load, so a Vert.x upgrade that moves the
 * field fails at start-up, not under load.
 */
final class SocketReads {

    private static final Field CONNECTION;

    static {
        try {
            CONNECTION = MqttEndpointImpl.class.getDeclaredField("conn");
            CONNECTION.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("cannot reach the socket of Vert.x MQTT endpoints: " + e);
        }
    }

    private final Channel channel;

    private SocketReads(Channel channel) {
        this.channel = channel;
    }

    static SocketReads of(MqttEndpoint endpoint) {
        try {
            NetSocketInternal socket = (NetSocketInternal) CONNECTION.get(endpoint);
            return new SocketReads(socket.channelHandlerContext().channel());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forces the check at start-up. */
    static void verifyAvailable() {
        CONNECTION.getName();
    }

    void pause() {
        channel.config().setAutoRead(false);
    }

    void resume() {
        channel.config().setAutoRead(true);
    }
}
