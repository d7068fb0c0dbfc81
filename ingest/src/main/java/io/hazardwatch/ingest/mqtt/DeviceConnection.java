package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.kafka.ReadingSender;
import io.hazardwatch.ingest.kafka.ReadingSender.RejectedMessage;
import io.hazardwatch.ingest.validation.PayloadValidator;
import io.hazardwatch.ingest.validation.RejectReason;
import io.hazardwatch.ingest.validation.Verdict;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.time.Instant;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated client connection. Each PUBLISH goes through named steps:
 * check QoS → validate (address, authorisation, payload) → store (readings, or the refused payload in the
 * dead-letter topic) → acknowledge. The PUBACK is sent only after Kafka acknowledged the write; MQTT 5
 * clients get the refusal's reason code and reason string in it.
 */
final class DeviceConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);

    private final MqttEndpoint endpoint;
    private final String enterprise;
    private final PayloadValidator validator;
    private final ReadingSender sender;
    private final OrderedAcks acks = new OrderedAcks();

    DeviceConnection(MqttEndpoint endpoint, String enterprise, PayloadValidator validator, ReadingSender sender) {
        this.endpoint = endpoint;
        this.enterprise = enterprise;
        this.validator = validator;
        this.sender = sender;
    }

    void register() {
        endpoint.publishAutoAck(false);
        endpoint.publishHandler(this::onPublish);
        endpoint.subscribeHandler(this::refuseSubscription);
        endpoint.disconnectHandler(v -> LOG.info("client {} disconnected", endpoint.clientIdentifier()));
        endpoint.exceptionHandler(e -> LOG.warn("client {}: connection error: {}", endpoint.clientIdentifier(), e.toString()));
    }

    private void onPublish(MqttPublishMessage message) {
        if (!qosSupported(message)) {
            return;
        }
        Instant receivedAt = Instant.now();
        byte[] payload = message.payload().getBytes();
        OrderedAcks.Slot slot = message.qosLevel() == MqttQoS.AT_LEAST_ONCE ? acks.reserve() : null;
        Verdict verdict = validate(message.topicName(), payload, receivedAt);
        store(verdict, message.topicName(), payload, receivedAt)
                .onComplete(stored -> {
                    if (slot != null) {
                        slot.complete(() -> acknowledge(message, verdict, stored));
                    } else if (stored.failed()) {
                        LOG.warn("client {}: QoS 0 message on {} could not be stored: {}",
                                endpoint.clientIdentifier(), message.topicName(), stored.cause().toString());
                    }
                });
    }

    /** QoS 2 is not offered (CONNACK says Maximum QoS 1); a client that sends it anyway is disconnected. */
    private boolean qosSupported(MqttPublishMessage message) {
        if (message.qosLevel() != MqttQoS.EXACTLY_ONCE) {
            return true;
        }
        LOG.warn("client {} published with QoS 2, which this gateway does not support: disconnecting",
                endpoint.clientIdentifier());
        if (endpoint.protocolVersion() == MqttGateway.MQTT_5) {
            endpoint.disconnect(MqttDisconnectReasonCode.QOS_NOT_SUPPORTED, MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.close();
        }
        return false;
    }

    private Verdict validate(String topic, byte[] payload, Instant receivedAt) {
        return MqttAddress.parse(topic)
                .map(address -> validator.validate(enterprise, address, payload, receivedAt))
                .orElseGet(() -> Verdict.reject(RejectReason.TOPIC_INVALID,
                        "topic '" + topic + "' is not hazardwatch/v1/{enterprise}/{device}/readings"));
    }

    private Future<Void> store(Verdict verdict, String topic, byte[] payload, Instant receivedAt) {
        if (verdict instanceof Verdict.Accepted accepted) {
            return sender.send(accepted.readings());
        }
        Verdict.Rejected rejected = (Verdict.Rejected) verdict;
        LOG.warn("refused message from client {} (enterprise {}) on {}: {}", endpoint.clientIdentifier(),
                enterprise, topic, rejected.rejection());
        return sender.deadLetter(new RejectedMessage(payload, rejected.rejection(), topic,
                endpoint.clientIdentifier(), enterprise, receivedAt));
    }

    private void acknowledge(MqttPublishMessage message, Verdict verdict, AsyncResult<Void> stored) {
        if (stored.failed()) {
            // Without a PUBACK the client still owns the message; closing makes it re-send after reconnecting.
            LOG.error("client {}: Kafka did not acknowledge message {} ({}); closing the connection so that it is re-sent",
                    endpoint.clientIdentifier(), message.messageId(), stored.cause().toString());
            endpoint.close();
            return;
        }
        if (!endpoint.isConnected()) {
            return;
        }
        if (endpoint.protocolVersion() != MqttGateway.MQTT_5) {
            // MQTT 3.1.1 has no reason codes: a refused message is acknowledged once it is in the dead-letter topic.
            endpoint.publishAcknowledge(message.messageId());
        } else if (verdict instanceof Verdict.Rejected rejected) {
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(),
                    rejected.rejection().toString()));
            endpoint.publishAcknowledge(message.messageId(),
                    MqttPubAckReasonCode.valueOf((byte) rejected.rejection().reason().mqttReasonCode()), props);
        } else {
            endpoint.publishAcknowledge(message.messageId(), MqttPubAckReasonCode.SUCCESS, MqttProperties.NO_PROPERTIES);
        }
    }

    /** Devices only publish here; there is nothing to subscribe to. */
    private void refuseSubscription(MqttSubscribeMessage subscribe) {
        LOG.info("client {}: refused subscription to {}", endpoint.clientIdentifier(), subscribe.topicSubscriptions());
        int count = subscribe.topicSubscriptions().size();
        if (endpoint.protocolVersion() == MqttGateway.MQTT_5) {
            endpoint.subscribeAcknowledge(subscribe.messageId(),
                    Collections.nCopies(count, MqttSubAckReasonCode.NOT_AUTHORIZED), MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.subscribeAcknowledge(subscribe.messageId(), Collections.nCopies(count, MqttQoS.FAILURE));
        }
    }
}
