package io.hazardwatch.ingest.mqtt;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageFactory;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.impl.MqttEndpointImpl;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.lang.reflect.Field;

/**
 * What the gateway does to one client's socket that Vert.x's MqttEndpoint does not offer:
 * <ul>
 *   <li>stop and restart reading it: Netty's auto-read off, so TCP flow control holds the client back
 *       instead of the gateway buffering its messages;</li>
 *   <li>send PUBACKs without a flush each: Kafka confirms a whole batch of records at once, and the
 *       PUBACKs of one batch leave in one socket write (one flush after the event loop has run the
 *       completions already queued) instead of one system call per message.</li>
 * </ul>
 * Reaches the endpoint's connection by reflection, checked at class load, so a Vert.x upgrade that moves
 * the field fails at start-up, not under load. Used only on the connection's event loop.
 */
final class ClientSocket {

    private static final Field CONNECTION;

    static {
        try {
            CONNECTION = MqttEndpointImpl.class.getDeclaredField("conn");
            CONNECTION.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("cannot reach the socket of Vert.x MQTT endpoints: " + e);
        }
    }

    private static final MqttFixedHeader PUBACK_HEADER =
            new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0);

    private final Channel channel;
    private final Runnable flush;
    private boolean flushScheduled;

    private ClientSocket(Channel channel) {
        this.channel = channel;
        this.flush = () -> {
            flushScheduled = false;
            channel.flush();
        };
    }

    static ClientSocket of(MqttEndpoint endpoint) {
        return new ClientSocket(channel(endpoint));
    }

    /** The endpoint's Netty channel. */
    static Channel channel(MqttEndpoint endpoint) {
        try {
            NetSocketInternal socket = (NetSocketInternal) CONNECTION.get(endpoint);
            return socket.channelHandlerContext().channel();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forces the check at start-up. */
    static void verifyAvailable() {
        CONNECTION.getName();
    }

    void pauseReading() {
        channel.config().setAutoRead(false);
    }

    void resumeReading() {
        channel.config().setAutoRead(true);
    }

    /**
     * Queues a PUBACK (reason code and properties are sent to MQTT 5 clients only: the encoder drops them
     * for 3.1.1) and makes sure a flush follows.
     */
    void publishAcknowledge(int messageId, MqttPubAckReasonCode reason, MqttProperties properties) {
        MqttMessage puback = MqttMessageFactory.newMessage(PUBACK_HEADER,
                new MqttPubReplyMessageVariableHeader(messageId, reason.value(), properties), null);
        channel.write(puback, channel.voidPromise());
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(flush);
        }
    }
}
