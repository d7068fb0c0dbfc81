package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.kafka.ReadingSender;
import io.hazardwatch.ingest.validation.PayloadValidator;
import io.hazardwatch.model.registry.Registry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT listener (3.1.1 and 5). It authenticates each connecting client against the registry and hands
 * the accepted connection to a {@link DeviceConnection}, which handles its publishes.
 */
public final class MqttGateway {

    private static final Logger LOG = LoggerFactory.getLogger(MqttGateway.class);
    static final int MQTT_5 = 5;

    private final Vertx vertx;
    private final Registry registry;
    private final PayloadValidator validator;
    private final ReadingSender sender;
    private final int maxPayloadBytes;
    private MqttServer server;

    public MqttGateway(Vertx vertx, Registry registry, PayloadValidator validator, ReadingSender sender,
                       int maxPayloadBytes) {
        this.vertx = vertx;
        this.registry = registry;
        this.validator = validator;
        this.sender = sender;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Starts listening; the Future holds the bound port. */
    public Future<Integer> start(String host, int port) {
        MqttServerOptions options = new MqttServerOptions()
                .setHost(host)
                .setPort(port)
                // Larger packets are cut off by the codec; leave room above the payload limit so that an
                // oversize payload still arrives and is refused with a reason instead of a dropped connection.
                .setMaxMessageSize(maxPayloadBytes * 2 + 1024);
        server = MqttServer.create(vertx, options).endpointHandler(this::onConnect);
        return server.listen().map(MqttServer::actualPort);
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void onConnect(MqttEndpoint endpoint) {
        MqttAuth auth = endpoint.auth();
        String username = auth == null ? null : auth.getUsername();
        String password = auth == null ? null : auth.getPassword();
        // bcrypt is deliberately slow: verify off the event loop
        vertx.executeBlocking(() -> authenticate(username, password), false)
                .onSuccess(enterprise -> enterprise.ifPresentOrElse(
                        ent -> accept(endpoint, username, ent),
                        () -> refuse(endpoint, username)))
                .onFailure(e -> {
                    LOG.error("authentication of client {} failed: {}", endpoint.clientIdentifier(), e.toString());
                    endpoint.reject(endpoint.protocolVersion() == MQTT_5
                            ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                            : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
                });
    }

    private Optional<String> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        return registry.authenticate(username, password);
    }

    private void accept(MqttEndpoint endpoint, String username, String enterprise) {
        DeviceConnection connection = new DeviceConnection(endpoint, enterprise, validator, sender);
        connection.register();
        MqttProperties props = new MqttProperties();
        if (endpoint.protocolVersion() == MQTT_5) {
            // QoS 2 is not offered: exactly-once towards Kafka comes from idempotent writes, not the MQTT handshake
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_QOS.value(), 1));
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
        }
        endpoint.accept(false, props);
        LOG.info("client {} connected as {} (enterprise {}, MQTT {})", endpoint.clientIdentifier(), username,
                enterprise, endpoint.protocolVersion() == MQTT_5 ? "5" : "3.1.1");
    }

    private void refuse(MqttEndpoint endpoint, String username) {
        LOG.warn("refused client {}: bad username or password (username {})", endpoint.clientIdentifier(),
                username == null ? "missing" : "'" + username + "'");
        endpoint.reject(endpoint.protocolVersion() == MQTT_5
                ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
    }
}
