package io.hazardwatch.ingest.bridge;

import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.ingest.intake.Destination;
import io.hazardwatch.ingest.intake.Intake;
import io.hazardwatch.ingest.intake.Intake.Submission;
import io.hazardwatch.ingest.metrics.IngestMetrics.Transport;
import io.hazardwatch.ingest.validation.RefusalReason;
import io.hazardwatch.ingest.validation.Verdict;
import io.hazardwatch.model.DeviceAddress;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to an enterprise's own broker (Paho, QoS 1, persistent session, manual acks) and hands each
 * message to the {@link Intake} as if the bridge's registry login had published it for the device named by
 * the topic's {@code +} level. The upstream PUBACK is sent only after Kafka acknowledged (readings or
 * dead-letter), so the enterprise broker keeps and redelivers what the park has not stored: at-least-once.
 * If Kafka fails, the bridge reconnects, which makes the broker redeliver; a message over the enterprise's quota is
 * not acknowledged either, and redelivered the same way a second later. The broker's in-flight window
 * (Mosquitto: max_inflight_messages, 20) bounds what waits for Kafka.
 */
public final class EnterpriseBridge {

    private static final Logger LOG = LoggerFactory.getLogger(EnterpriseBridge.class);

    /** How long messages held back for the quota wait before their redelivery is asked for. */
    static final Duration QUOTA_RETRY = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final IngestConfig.Bridge config;
    private final Supplier<Registry> registry;
    private final Intake intake;
    private final int deviceLevel;
    private Context context;
    private MqttAsyncClient client;
    private volatile boolean stopped;
    /** A reconnect is due to have messages held back for the enterprise's quota redelivered; one at a time. */
    private final AtomicBoolean quotaRetryPending = new AtomicBoolean();
    private volatile long quotaLoggedAt;

    public EnterpriseBridge(Vertx vertx, IngestConfig.Bridge config, Supplier<Registry> registry, Intake intake) {
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
        this.intake = intake;
        this.deviceLevel = java.util.Arrays.asList(config.subscribe().split("/", -1)).indexOf("+");
    }

    /**
     * Starts connecting. The gateway does not wait: an enterprise broker that is down must not stop the park's
     * ingest, so the first connection is retried every 5 s, and later ones by Paho's automatic reconnect.
     */
    public Future<Void> start() {
        context = vertx.getOrCreateContext();
        try {
            client = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            return Future.failedFuture(new IllegalArgumentException("bridge." + config.name() + ".url: " + e.getMessage()));
        }
        client.setManualAcks(true);
        client.setCallback(new Callback());
        connect();
        return Future.succeededFuture();
    }

    private void connect() {
        vertx.executeBlocking(() -> {
            client.connect(options()).waitForCompletion(15_000);
            return null;
        }, false).onComplete(ar -> {
            if (ar.succeeded()) {
                LOG.info("bridge {}: connected to {}, subscribed to {}", config.name(), config.url(), config.subscribe());
            } else if (!stopped) {
                LOG.warn("bridge {}: cannot connect to {} ({}); retrying in 5 s", config.name(), config.url(),
                        ar.cause().toString());
                vertx.setTimer(5_000, id -> connect());
            }
        });
    }

    public Future<Void> stop() {
        stopped = true;
        if (client == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            try {
                if (client.isConnected()) {
                    client.disconnect(5_000).waitForCompletion(6_000);
                } else {
                    client.disconnectForcibly(0, 1_000, false); // also ends a reconnect in progress
                }
            } catch (MqttException e) {
                LOG.warn("bridge {}: disconnect: {}", config.name(), e.toString());
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.warn("bridge {}: close: {}", config.name(), e.toString());
            }
            return null;
        }, false);
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false); // the broker keeps what we have not acknowledged
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(30_000);
        options.setKeepAliveInterval(30);
        if (config.username() != null) {
            options.setUserName(config.username());
            options.setPassword(config.password() == null ? new char[0] : config.password().toCharArray());
        }
        return options;
    }

    /**
     * The device a bridged message is for: the upstream topic's level at the subscription's {@code +}, in the bridge
     * login's enterprise; when the topic does not fit the subscription, the upstream topic itself (refused).
     */
    Destination destination(String upstreamTopic, String enterprise) {
        String[] levels = upstreamTopic.split("/", -1);
        if (deviceLevel < 0 || levels.length != config.subscribe().split("/", -1).length || levels[deviceLevel].isEmpty()) {
            return new Destination.NoDevice(upstreamTopic);
        }
        return new Destination.Device(new DeviceAddress(enterprise, levels[deviceLevel]));
    }

    private void forward(String upstreamTopic, MqttMessage message) {
        Principal principal = registry.get().principal(config.login()).orElse(null);
        if (principal == null) {
            LOG.error("bridge {}: login '{}' is not in the registry; not acknowledging message {}", config.name(),
                    config.login(), message.getId());
            return;
        }
        Destination to = destination(upstreamTopic, principal.enterprise());
        // the enterprise's broker keeps what is not acknowledged: over the quota, it is held there, not dead-lettered
        intake.submit(new Submission(principal, "bridge:" + config.name(), to, message.getPayload(), Instant.now(),
                        Transport.BRIDGE, true))
                .onSuccess(verdict -> {
                    if (verdict instanceof Verdict.Refused refused
                            && refused.refusal().reason() == RefusalReason.QUOTA_EXCEEDED) {
                        holdForQuota(message, refused);
                    } else {
                        acknowledge(message);
                    }
                })
                .onFailure(e -> {
                    LOG.error("bridge {}: Kafka did not acknowledge message {} from {} ({}); reconnecting so that the broker redelivers",
                            config.name(), message.getId(), upstreamTopic, e.toString());
                    reconnect();
                });
    }

    /**
     * Over the enterprise's quota: not acknowledged upstream, so its broker keeps the message; a reconnect after
     * {@link #QUOTA_RETRY} has it redelivered once the quota has room again (as an MQTT 3.1.1 device resends).
     */
    private void holdForQuota(MqttMessage message, Verdict.Refused refused) {
        long now = System.nanoTime();
        if (now - quotaLoggedAt > Duration.ofSeconds(10).toNanos()) {
            quotaLoggedAt = now;
            LOG.warn("bridge {}: {}; holding message {} and later ones at {} until there is room again", config.name(),
                    refused.refusal(), message.getId(), config.url());
        }
        if (quotaRetryPending.compareAndSet(false, true)) {
            vertx.setTimer(QUOTA_RETRY.toMillis(), id -> {
                quotaRetryPending.set(false);
                reconnect();
            });
        }
    }

    private void acknowledge(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            LOG.warn("bridge {}: could not acknowledge message {}: {}", config.name(), message.getId(), e.toString());
        }
    }

    private void reconnect() {
        vertx.executeBlocking(() -> {
            if (!stopped && client.isConnected()) {
                client.disconnectForcibly(0, 1_000, false); // no DISCONNECT: the session and its unacked messages stay
                LOG.info("bridge {}: disconnected from {} to have unacknowledged messages redelivered", config.name(),
                        config.url());
                client.reconnect();
            }
            return null;
        }, false).onFailure(e -> LOG.warn("bridge {}: reconnect: {}", config.name(), e.toString()));
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                LOG.info("bridge {}: reconnected to {}", config.name(), serverUri);
            }
            try {
                client.subscribe(config.subscribe(), 1);
            } catch (MqttException e) {
                LOG.error("bridge {}: cannot subscribe to {}: {}", config.name(), config.subscribe(), e.toString());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (!stopped) {
                LOG.warn("bridge {}: connection to {} lost ({}); reconnecting", config.name(), config.url(), cause.toString());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            context.runOnContext(v -> forward(topic, message));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
