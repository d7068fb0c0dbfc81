package io.hazardwatch.simulator.mqtt;

import io.hazardwatch.simulator.scenario.Scenario;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One enterprise's MQTT connection, logged in as that enterprise. Logs one line when an outage starts and
 * one when it ends, rather than one per failed publish.
 */
final class EnterpriseConnection {

    private static final Logger LOG = LoggerFactory.getLogger(EnterpriseConnection.class);
    static final int QOS = 1;
    /** MQTT 3.1.1 servers need only accept client ids up to 23 characters (Vert.x MQTT enforces it). */
    private static final int MAX_CLIENT_ID = 23;

    private final String enterprise;
    private final String broker;
    private final MqttClient client;
    private final MqttConnectOptions options;
    private int connectFailures;
    private long publishFailures;

    EnterpriseConnection(String broker, Scenario.Enterprise enterprise, MqttSettings settings) {
        this.enterprise = enterprise.id();
        this.broker = broker;
        try {
            this.client = new MqttClient(broker, clientId(enterprise.id()), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("broker: cannot use '" + broker + "': " + describe(e), e);
        }
        client.setTimeToWait(settings.publishTimeout().toMillis());
        client.setCallback(new Callback());
        options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay((int) settings.maxReconnectDelay().toMillis());
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setUserName(enterprise.username());
        options.setPassword(enterprise.password().toCharArray());
    }

    String enterprise() {
        return enterprise;
    }

    /** One connection attempt; true once connected. Paho reconnects by itself after the first success. */
    boolean tryConnect() {
        try {
            client.connect(options);
            LOG.info("{}: connected to {} as {}{}", enterprise, broker, options.getUserName(),
                    connectFailures > 0 ? " after " + (connectFailures + 1) + " attempts" : "");
            return true;
        } catch (MqttException e) {
            if (connectFailures++ == 0) {
                LOG.warn("{}: cannot connect to {} as {}: {}; retrying", enterprise, broker, options.getUserName(),
                        describe(e));
            }
            return false;
        }
    }

    void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, QOS, false);
        if (publishFailures > 0) {
            LOG.info("{}: publishing again after {} failed batches", enterprise, publishFailures);
            publishFailures = 0;
        }
    }

    void publishFailed(String topic, MqttException e) {
        if (publishFailures++ == 0) {
            LOG.warn("{}: publish to {} failed: {}; further failures are counted until it recovers", enterprise,
                    topic, describe(e));
        }
    }

    void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(500);
            }
        } catch (MqttException e) {
            LOG.debug("{}: disconnect: {}", enterprise, describe(e));
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("{}: close: {}", enterprise, describe(e));
        }
    }

    static String clientId(String enterprise) {
        String suffix = "-" + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xF000));
        String base = "sim-" + enterprise;
        return base.substring(0, Math.min(base.length(), MAX_CLIENT_ID - suffix.length())) + suffix;
    }

    static String describe(MqttException e) {
        String text = e.getMessage() + " (" + e.getReasonCode() + ")";
        return e.getCause() == null ? text : text + ": " + e.getCause();
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                LOG.info("{}: reconnected to {}", enterprise, serverUri);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("{}: connection to {} lost: {}; reconnecting", enterprise, broker, cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // publish only
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // QoS 1 completion is awaited synchronously in publish()
        }
    }
}
