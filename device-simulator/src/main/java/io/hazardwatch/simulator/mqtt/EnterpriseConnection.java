package io.hazardwatch.simulator.mqtt;

import io.hazardwatch.simulator.scenario.Scenario;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One enterprise's MQTT connection (its gateway), logged in as that enterprise. Logs one line when an outage
 * starts and one when it ends, rather than one per failed publish. A scenario can take the gateway offline:
 * the connection is closed and opened again afterwards.
 */
final class EnterpriseConnection {

    private static final Logger LOG = LoggerFactory.getLogger(EnterpriseConnection.class);

    private final String enterprise;
    private final LinkOptions options;
    private final MqttSettings settings;
    private volatile MqttLink link;
    private volatile boolean offline;
    private int connectFailures;
    private long publishFailures;

    EnterpriseConnection(String broker, Scenario.Enterprise enterprise, MqttSettings settings) {
        this.enterprise = enterprise.id();
        this.settings = settings;
        this.options = LinkOptions.of(broker, settings.version(), clientId(enterprise.id()), enterprise.username(),
                        enterprise.password())
                .withReconnect(settings.connectTimeout(), settings.maxReconnectDelay());
        this.link = options.open();
    }

    String enterprise() {
        return enterprise;
    }

    boolean offline() {
        return offline;
    }

    /** One connection attempt; true once connected. Paho reconnects by itself after the first success. */
    synchronized boolean tryConnect() {
        if (offline) {
            return true;
        }
        try {
            link.connect().get(settings.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            LOG.info("{}: connected to {} as {} (MQTT {}){}", enterprise, options.broker(), options.username(),
                    options.version() == 5 ? "5" : "3.1.1",
                    connectFailures > 0 ? " after " + (connectFailures + 1) + " attempts" : "");
            connectFailures = 0;
            return true;
        } catch (ExecutionException | TimeoutException e) {
            if (connectFailures++ == 0) {
                LOG.warn("{}: cannot connect to {} as {}: {}; retrying", enterprise, options.broker(),
                        options.username(), e instanceof ExecutionException ? e.getCause().getMessage() : "timed out");
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Publishes and waits for the PUBACK (QoS 1) or the write (QoS 0). */
    void publish(String topic, byte[] payload) throws MqttLink.MqttFailure {
        try {
            link.publish(topic, payload, settings.qos()).get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof MqttLink.MqttFailure f ? f : new MqttLink.MqttFailure(e.getCause().toString(), -1, e);
        } catch (TimeoutException e) {
            throw new MqttLink.MqttFailure("no PUBACK within " + settings.publishTimeout().toMillis() + " ms", -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MqttLink.MqttFailure("interrupted", -1, e);
        }
        if (publishFailures > 0) {
            LOG.info("{}: publishing again after {} failed batches", enterprise, publishFailures);
            publishFailures = 0;
        }
    }

    void publishFailed(String topic, MqttLink.MqttFailure e) {
        if (publishFailures++ == 0) {
            LOG.warn("{}: publish to {} failed: {}; further failures are counted until it recovers", enterprise,
                    topic, e.getMessage());
        }
    }

    /** The scenario's gateway outage starts: disconnect. */
    synchronized void goOffline() {
        if (!offline) {
            offline = true;
            LOG.info("{}: gateway offline (scenario): disconnecting", enterprise);
            link.close();
        }
    }

    /** The outage is over: a fresh client, to be connected by the caller. */
    synchronized void goOnline() {
        if (offline) {
            offline = false;
            LOG.info("{}: gateway back online (scenario): reconnecting", enterprise);
            link = options.open();
        }
    }

    void close() {
        link.close();
    }

    static String clientId(String enterprise) {
        return LinkOptions.clientId("sim-" + enterprise);
    }
}
