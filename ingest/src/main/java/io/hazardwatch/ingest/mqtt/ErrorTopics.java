package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.intake.Destination;
import io.hazardwatch.model.DeviceAddress;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only topics a client may subscribe to: {@code hazardwatch/v1/{enterprise}/{device}/errors} of a device
 * it may publish for (or {@code +} for all of them). The gateway publishes there, at QoS 0, a JSON
 * {@link RefusalNotice} for each refused message, and for each reading of a batch refused alone (with its index):
 * the way MQTT 3.1.1 clients, which have no reason codes, learn why. Every other subscription is refused (3.1.1: 0x80; MQTT 5: 0x87 not authorised).
 */
final class ErrorTopics {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorTopics.class);
    private static final String ANY_DEVICE = "+";

    private final MqttEndpoint endpoint;
    private final Principal principal;
    private final Sessions.Session session;
    private final Supplier<Registry> registry;

    ErrorTopics(MqttEndpoint endpoint, Principal principal, Sessions.Session session, Supplier<Registry> registry) {
        this.endpoint = endpoint;
        this.principal = principal;
        this.session = session;
        this.registry = registry;
    }

    void subscribe(MqttSubscribeMessage subscribe) {
        List<MqttQoS> granted3 = new ArrayList<>();
        List<MqttSubAckReasonCode> granted5 = new ArrayList<>();
        for (MqttTopicSubscription sub : subscribe.topicSubscriptions()) {
            boolean allowed = mayRead(sub.topicName());
            if (allowed) {
                session.errorTopics.add(sub.topicName());
            } else {
                LOG.info("client {}: refused subscription to {}", endpoint.clientIdentifier(), sub.topicName());
            }
            granted3.add(allowed ? MqttQoS.AT_MOST_ONCE : MqttQoS.FAILURE);
            granted5.add(allowed ? MqttSubAckReasonCode.GRANTED_QOS0 : MqttSubAckReasonCode.NOT_AUTHORIZED);
        }
        if (endpoint.protocolVersion() == MqttGateway.MQTT_5) {
            endpoint.subscribeAcknowledge(subscribe.messageId(), granted5, MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.subscribeAcknowledge(subscribe.messageId(), granted3);
        }
    }

    void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        List<MqttUnsubAckReasonCode> codes = new ArrayList<>();
        for (String topic : unsubscribe.topics()) {
            codes.add(session.errorTopics.remove(topic) ? MqttUnsubAckReasonCode.SUCCESS
                    : MqttUnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED);
        }
        if (endpoint.protocolVersion() == MqttGateway.MQTT_5) {
            endpoint.unsubscribeAcknowledge(unsubscribe.messageId(), codes, MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.unsubscribeAcknowledge(unsubscribe.messageId());
        }
    }

    /** Whether this client may read {@code filter}: an error topic of one of its devices, or of all ({@code +}). */
    boolean mayRead(String filter) {
        DeviceAddress address = DeviceAddress.parse(filter, Topics.MQTT_ERRORS_SUFFIX).orElse(null);
        if (address == null || !address.enterprise().equals(principal.enterprise())) {
            return false;
        }
        if (address.device().equals(ANY_DEVICE)) {
            return true;
        }
        return principal.mayPublishFor(address.enterprise(), address.device())
                && registry.get().hasDevice(address.enterprise(), address.device());
    }

    /**
     * Publishes the notice on the error topic of the device the refused message was for, if the client
     * subscribed to it; a refusal that names no device of the client's (bad topic, foreign device) goes to
     * every error topic it subscribed to by name.
     */
    void tell(Destination refusedFor, RefusalNotice notice) {
        if (session.errorTopics.isEmpty() || !endpoint.isConnected()) {
            return;
        }
        if (refusedFor instanceof Destination.Device device
                && principal.mayPublishFor(device.address().enterprise(), device.address().device())) {
            String exact = device.address().errorsTopic();
            if (session.errorTopics.contains(exact) || session.errorTopics.contains(
                    new DeviceAddress(device.address().enterprise(), ANY_DEVICE).errorsTopic())) {
                publish(exact, notice);
            }
            return;
        }
        for (String topic : session.errorTopics) {
            if (!topic.contains("/" + ANY_DEVICE + "/")) {
                publish(topic, notice);
            }
        }
    }

    private void publish(String topic, RefusalNotice notice) {
        endpoint.publish(topic, DeviceConnection.json(notice), MqttQoS.AT_MOST_ONCE, false, false);
    }
}
