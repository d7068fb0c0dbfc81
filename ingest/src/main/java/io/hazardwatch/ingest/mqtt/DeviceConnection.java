package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.intake.Destination;
import io.hazardwatch.ingest.intake.Intake.Submission;
import io.hazardwatch.ingest.metrics.IngestMetrics.Transport;
import io.hazardwatch.ingest.validation.Refusal;
import io.hazardwatch.ingest.validation.RefusalReason;
import io.hazardwatch.ingest.validation.Verdict;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.registry.Principal;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttDisconnectMessage;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.time.Instant;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated client connection. Each PUBLISH goes through named steps:
 * check QoS → admit (in-flight bounds) → map the topic to a {@link Destination} → intake (quota, validate address,
 * map the payload, store in Kafka) → tell the client (error topic) → acknowledge in order. The PUBACK is sent only after Kafka acknowledged the write;
 * MQTT 5 clients get the refusal's reason code and reason string in it.
 * <p>
 * Back-pressure: at most {@code maxInFlightPerConnection} messages of this connection, and at most the
 * gateway's global budget over all connections, wait for Kafka. Beyond that the socket is not read, so the
 * client's TCP window fills and its publishes wait; messages that were already decoded from the last read
 * are held here (bounded by one socket read) and go on in order when Kafka catches up.
 */
final class DeviceConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);

    private final MqttEndpoint endpoint;
    private final Principal principal;
    private final Sessions.Session session;
    private final GatewayServices services;
    private final ErrorTopics errorTopics;
    private final OrderedAcks acks = new OrderedAcks();
    private final ArrayDeque<MqttPublishMessage> held = new ArrayDeque<>();
    private final ClientSocket socket;
    private final Context context;
    private final boolean mqtt5;
    private int inFlight;
    private boolean paused;
    private boolean waitingForBudget;
    private boolean draining;
    private boolean closed;
    private java.util.function.Consumer<Boolean> onClose;
    /** DISCONNECT received (without "send will"), or the gateway closed on purpose: no will. */
    private boolean willCancelled;
    /** The client said goodbye with DISCONNECT before its connection closed. */
    private boolean disconnectReceived;
    /** Why the gateway closed this connection itself (shutdown, takeover...); null if it did not. */
    private MqttDisconnectReasonCode closedByGateway;

    DeviceConnection(MqttEndpoint endpoint, Principal principal, Sessions.Session session, GatewayServices services) {
        this.endpoint = endpoint;
        this.principal = principal;
        this.session = session;
        this.services = services;
        this.errorTopics = new ErrorTopics(endpoint, principal, session, services.registry());
        this.socket = ClientSocket.of(endpoint);
        this.context = Vertx.currentContext();
        this.mqtt5 = endpoint.protocolVersion() == MqttGateway.MQTT_5;
    }

    Principal principal() {
        return principal;
    }

    String clientId() {
        return endpoint.clientIdentifier();
    }

    /** The TLS session of a connection to the TLS listener, null on the plain one. */
    javax.net.ssl.SSLSession sslSession() {
        return endpoint.isSsl() ? endpoint.sslSession() : null;
    }

    int inFlight() {
        return inFlight;
    }

    /** Sets the handlers; {@code onClose} runs once when the connection is gone, with whether its will applies. */
    void register(java.util.function.Consumer<Boolean> onClose) {
        endpoint.publishAutoAck(false);
        endpoint.publishHandler(this::onPublish);
        endpoint.subscribeHandler(errorTopics::subscribe);
        endpoint.unsubscribeHandler(errorTopics::unsubscribe);
        endpoint.disconnectMessageHandler(this::onDisconnect);
        this.onClose = onClose;
        endpoint.closeHandler(v -> connectionClosed());
        endpoint.exceptionHandler(e -> LOG.warn("client {}: connection error: {}", clientId(), e.toString()));
    }

    /** The CONNACK could not be sent: the connection was already gone. */
    void closedBeforeAccept() {
        connectionClosed();
    }

    /** Runs once, however often and from wherever the close is seen. */
    private void connectionClosed() {
        if (closed) {
            return;
        }
        closed = true;
        held.clear(); // not acknowledged: the client sends them again
        if (paused) {
            services.metrics().paused(false);
        }
        // while its socket was not read (back-pressure) a keepalive timeout is the gateway's doing, not the device's
        onClose.accept(!willCancelled && !paused);
    }

    private void onDisconnect(MqttDisconnectMessage message) {
        willCancelled = message.code() != MqttDisconnectReasonCode.WITH_WILL_MESSAGE;
        disconnectReceived = true; // logged with the close, one line per connection end
    }

    /** How the connection ended, for the log: "disconnected", "closed by the gateway (REASON)"... */
    String howItEnded() {
        if (disconnectReceived) {
            return "disconnected";
        }
        return closedByGateway != null ? "closed by the gateway (" + closedByGateway + ")"
                : "connection closed without DISCONNECT";
    }

    private void onPublish(MqttPublishMessage message) {
        if (!qosSupported(message)) {
            return;
        }
        if (!held.isEmpty() || !admit()) {
            held.addLast(message);
            pauseReading();
            return;
        }
        process(message);
    }

    /** QoS 2 is not offered (CONNACK says Maximum QoS 1); a client that sends it anyway is disconnected. */
    private boolean qosSupported(MqttPublishMessage message) {
        if (message.qosLevel() != MqttQoS.EXACTLY_ONCE) {
            return true;
        }
        LOG.warn("client {} published with QoS 2, which this gateway does not support: disconnecting", clientId());
        close(MqttDisconnectReasonCode.QOS_NOT_SUPPORTED);
        return false;
    }

    /** Takes a place within this connection's and the gateway's in-flight bounds, if there is one. */
    private boolean admit() {
        if (draining || inFlight >= services.maxInFlightPerConnection()) {
            return false;
        }
        if (!services.budget().tryAcquire()) {
            waitForBudget();
            return false;
        }
        inFlight++;
        return true;
    }

    private void process(MqttPublishMessage message) {
        Instant receivedAt = Instant.now();
        long arrived = System.nanoTime();
        byte[] payload = message.payload().getBytes();
        OrderedAcks.Slot slot = message.qosLevel() == MqttQoS.AT_LEAST_ONCE ? acks.reserve() : null;
        Destination to = Destination.ofTopic(message.topicName());
        services.intake().submit(new Submission(principal, clientId(), to, payload, receivedAt, Transport.MQTT, true))
                .onComplete(stored -> {
                    finished();
                    Integer messageId = slot == null ? null : message.messageId();
                    if (stored.succeeded() && stored.result() instanceof Verdict.Refused refused) {
                        errorTopics.tell(to, RefusalNotice.of(refused.refusal(), to.topic(), messageId, receivedAt));
                    } else if (stored.succeeded() && stored.result() instanceof Verdict.Accepted accepted) {
                        accepted.refused().forEach(r -> errorTopics.tell(to,
                                RefusalNotice.of(r, to.topic(), messageId, receivedAt)));
                    }
                    if (slot != null) {
                        slot.complete(() -> {
                            acknowledge(message, stored);
                            services.metrics().pubAck(System.nanoTime() - arrived);
                        });
                    } else if (stored.failed()) {
                        LOG.warn("client {}: QoS 0 message on {} could not be stored: {}", clientId(),
                                message.topicName(), stored.cause().toString());
                    }
                });
        if (inFlight >= services.maxInFlightPerConnection()) {
            pauseReading();
        }
    }

    private void finished() {
        inFlight--;
        services.budget().release();
        drain();
    }

    /** Sends held messages on while there is room, then reads the socket again. */
    private void drain() {
        if (closed) {
            return;
        }
        while (!held.isEmpty() && admit()) {
            process(held.pollFirst());
        }
        if (held.isEmpty() && !draining && inFlight < services.maxInFlightPerConnection()) {
            resumeReading();
        }
    }

    private void waitForBudget() {
        if (waitingForBudget) {
            return;
        }
        waitingForBudget = true;
        services.budget().whenAvailable(() -> context.runOnContext(v -> {
            waitingForBudget = false;
            if (closed || held.isEmpty()) {
                services.budget().wakeOne(); // pass the free slot on
            } else {
                drain();
            }
        }));
    }

    private void pauseReading() {
        if (!paused && !closed) {
            paused = true;
            socket.pauseReading();
            services.metrics().paused(true);
        }
    }

    private void resumeReading() {
        if (paused && !closed) {
            paused = false;
            socket.resumeReading();
            services.metrics().paused(false);
        }
    }

    private void acknowledge(MqttPublishMessage message, AsyncResult<Verdict> stored) {
        if (stored.failed()) {
            // Without a PUBACK the client still owns the message; closing makes it re-send after reconnecting.
            LOG.error("client {}: Kafka did not acknowledge message {} ({}); closing the connection so that it is re-sent",
                    clientId(), message.messageId(), stored.cause().toString());
            close(MqttDisconnectReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
            return;
        }
        if (!endpoint.isConnected()) {
            return;
        }
        if (stored.result() instanceof Verdict.Refused refused && !mqtt5
                && refused.refusal().reason() == RefusalReason.QUOTA_EXCEEDED) {
            refuseForQuota(message);
            return;
        }
        if (stored.result() instanceof Verdict.Refused refused && mqtt5) {
            Refusal refusal = refused.refusal();
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(),
                    refusal.toString()));
            socket.publishAcknowledge(message.messageId(), PubAckCodes.of(refusal.reason()), props);
        } else if (stored.result() instanceof Verdict.Accepted accepted && !accepted.refused().isEmpty() && mqtt5) {
            // stored, so success (a failure code would make the client send the good readings again); the reason
            // string names the readings refused alone, which are in the dead-letter topic and on the error topic
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(),
                    accepted.refusedSummary(5)));
            socket.publishAcknowledge(message.messageId(), MqttPubAckReasonCode.SUCCESS, props);
        } else {
            // MQTT 3.1.1 has no reason codes: a refused message is acknowledged once it is in the dead-letter topic.
            socket.publishAcknowledge(message.messageId(), MqttPubAckReasonCode.SUCCESS, MqttProperties.NO_PROPERTIES);
        }
    }

    /**
     * MQTT 3.1.1 has no refusal code: a PUBACK would tell the client its message was stored. Without one, and with the
     * connection closed, the client keeps the message and sends it again after reconnecting (issue 15, finding 3).
     * Messages after it that were stored lose their PUBACK too and come again: duplicates, never a loss.
     */
    private void refuseForQuota(MqttPublishMessage message) {
        if (closedByGateway == null) {
            LOG.warn("client {} of enterprise {}: message {} over the enterprise's limit of {} messages/s; "
                            + "closing the connection without PUBACK so that the client sends it again",
                    clientId(), principal.enterprise(), message.messageId(),
                    services.limits().maxMessagesPerSecond(principal.enterprise()));
            services.metrics().quotaDisconnected();
        }
        close(MqttDisconnectReasonCode.QUOTA_EXCEEDED);
    }

    /** Stops reading for good (shutdown); in-flight messages still get their acknowledgement. */
    void drainForShutdown() {
        draining = true;
        pauseReading();
    }

    /**
     * Closes from the gateway's side (shutdown, revoked credential, takeover, Kafka failure, QoS 2): no will,
     * since the device itself is not known to be lost.
     */
    void close(MqttDisconnectReasonCode reason) {
        willCancelled = true;
        if (closedByGateway == null) {
            closedByGateway = reason;
        }
        if (closed) {
            return;
        }
        try {
            if (mqtt5 && endpoint.isConnected()) {
                endpoint.disconnect(reason, MqttProperties.NO_PROPERTIES); // sends DISCONNECT, then closes
            } else {
                endpoint.close();
            }
        } catch (IllegalStateException e) {
            // "MQTT endpoint is closed": the socket went first (a takeover racing the device's own reconnect, a
            // storm); its close handler runs on its own, there is nothing left to close
        }
    }

    /** Runs {@code action} on this connection's event loop. */
    void onContext(Runnable action) {
        context.runOnContext(v -> action.run());
    }

    static Buffer json(Object value) {
        return Buffer.buffer(Json.toBytes(value));
    }
}
