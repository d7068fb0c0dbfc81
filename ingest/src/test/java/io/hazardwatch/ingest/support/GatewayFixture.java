package io.hazardwatch.ingest.support;

import io.hazardwatch.ingest.IngestApp;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.testsupport.TestRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A gateway started by a test (Vert.x, config, registry file), and the MQTT clients that talk to it. */
public final class GatewayFixture implements AutoCloseable {

    /**
     * ent-a: devices tank-1 (own login tank-1-dev) and tank-2; gateway ent-a-gw for all devices, ent-a-edge for
     * tank-2 only. ent-b: room-1, login ent-b-gw. ent-c: limits 2 connections and 5 messages/s, login ent-c-gw.
     * Every password is {@link TestRegistry#PASSWORD}.
     */
    public static final String REGISTRY = """
            version: 1
            enterprises:
              - id: ent-a
                gridCell: grid-1
                credentials:
                  - {username: ent-a-gw, passwordHash: "%1$s"}
                  - {username: ent-a-edge, passwordHash: "%1$s", devices: [tank-2]}
                devices:
                  - id: tank-1
                    credentials:
                      - {username: tank-1-dev, passwordHash: "%1$s"}
                    sensors:
                      - {id: lel-1, type: COMBUSTIBLE_GAS}
                      - {id: temp-1, type: TEMPERATURE, thresholds: {firstHigh: 60, secondHigh: 80}}
                  - id: tank-2
                    sensors:
                      - {id: lel-1, type: COMBUSTIBLE_GAS}
              - id: ent-b
                gridCell: grid-2
                credentials:
                  - {username: ent-b-gw, passwordHash: "%1$s"}
                devices:
                  - id: room-1
                    sensors:
                      - {id: nh3-1, type: AMMONIA}
              - id: ent-c
                gridCell: grid-3
                limits: {maxConnections: 2, maxMessagesPerSecond: 5}
                credentials:
                  - {username: ent-c-gw, passwordHash: "%1$s"}
                devices:
                  - id: silo-1
                    sensors:
                      - {id: dust-1, type: DUST_CONCENTRATION, thresholds: {firstHigh: 5, secondHigh: 10}}
            """.formatted(TestRegistry.PASSWORD_HASH);

    public final Vertx vertx;
    public final Path registryFile;
    public final IngestApp app;

    /** Starts a gateway with {@link #REGISTRY} in {@code dir}, on free ports, with the given settings on top. */
    public static GatewayFixture start(Path dir, String kafkaBootstrap, Map<String, String> settings) {
        return start(dir, kafkaBootstrap, settings, REGISTRY);
    }

    /** Starts a gateway with the given registry YAML in {@code dir}, on free ports, with the given settings on top. */
    public static GatewayFixture start(Path dir, String kafkaBootstrap, Map<String, String> settings, String registryYaml) {
        Path registry = dir.resolve("registry-" + UUID.randomUUID() + ".yaml");
        try {
            Files.writeString(registry, registryYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>(Map.of(
                "mqtt.port", "0",
                "http.port", "0",
                "kafka.bootstrap", kafkaBootstrap,
                "registry.file", registry.toString(),
                "registry.check-interval-ms", "200"));
        all.putAll(settings);
        Vertx vertx = Vertx.vertx();
        IngestApp app = IngestApp.start(vertx, IngestConfig.from(Settings.of(all))).await();
        return new GatewayFixture(registry, app, vertx);
    }

    private GatewayFixture(Path registryFile, IngestApp app, Vertx vertx) {
        this.registryFile = registryFile;
        this.app = app;
        this.vertx = vertx;
    }

    public String url() {
        return "tcp://127.0.0.1:" + app.mqttPort();
    }

    public String http() {
        return "http://127.0.0.1:" + app.httpPort();
    }

    /** Replaces the registry file; the gateway picks it up within its check interval. */
    public void rewriteRegistry(String yaml) {
        try {
            Files.writeString(registryFile, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MqttClient mqtt3(String user, String password) throws MqttException {
        return mqtt3(user, password, "it-" + UUID.randomUUID(), true);
    }

    public MqttClient mqtt3(String user, String password, String clientId, boolean cleanSession) throws MqttException {
        MqttClient client = new MqttClient(url(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(cleanSession);
        options.setConnectionTimeout(10);
        client.setTimeToWait(15_000);
        client.connect(options);
        return client;
    }

    public MqttAsyncClient mqtt5(String user) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url(), "it5-" + UUID.randomUUID(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(TestRegistry.PASSWORD.getBytes(StandardCharsets.UTF_8));
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    /**
     * An MQTT 3.1.1 CONNECT from a local address (127.0.0.x: the gateway tells sources apart by address): null when
     * accepted (then it disconnects), else the CONNACK's return code.
     */
    public io.netty.handler.codec.mqtt.MqttConnectReturnCode connectFrom(String localAddress, String user,
                                                                          String password) throws Exception {
        io.vertx.mqtt.MqttClientOptions options = new io.vertx.mqtt.MqttClientOptions()
                .setClientId("it-" + UUID.randomUUID()).setUsername(user).setPassword(password);
        options.setLocalAddress(localAddress);
        io.vertx.mqtt.MqttClient client = io.vertx.mqtt.MqttClient.create(vertx, options);
        io.vertx.core.Future<?> connected = client.connect(app.mqttPort(), "127.0.0.1");
        connected.otherwiseEmpty().await(15, java.util.concurrent.TimeUnit.SECONDS);
        if (connected.succeeded()) {
            client.disconnect().await(5, java.util.concurrent.TimeUnit.SECONDS);
            return null;
        }
        return ((io.vertx.mqtt.MqttConnectionException) connected.cause()).code();
    }

    /** An MQTT 5 CONNECT with the test password: the CONNACK's reason code (0 when accepted; then it disconnects). */
    public int connack5(String user, String clientId) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url(), clientId,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(TestRegistry.PASSWORD.getBytes(StandardCharsets.UTF_8));
        try {
            client.connect(options).waitForCompletion(15_000);
            client.disconnect().waitForCompletion(5_000);
            return 0;
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return e.getReasonCode();
        } finally {
            client.close();
        }
    }

    /** Publishes at QoS 1 and returns the PUBACK's reason code. */
    public static int publish5(MqttAsyncClient client, String topic, String payload) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        IMqttToken token = client.publish(topic, message);
        try {
            token.waitForCompletion(15_000);
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return e.getReasonCode();
        }
        return token.getReasonCodes()[0];
    }

    /** A client callback that completes {@code reason} with the reason code of the server's DISCONNECT (MQTT 5). */
    public static org.eclipse.paho.mqttv5.client.MqttCallback onDisconnect(
            java.util.concurrent.CompletableFuture<Integer> reason) {
        return new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
                reason.complete(response.getReturnCode());
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
            }
        };
    }

    @Override
    public void close() {
        try {
            app.stop().await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the gateway did not stop within 60 s", e);
        } finally {
            vertx.close();
        }
    }
}
