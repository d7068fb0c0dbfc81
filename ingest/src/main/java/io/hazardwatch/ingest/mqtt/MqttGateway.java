package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.ingest.guard.Guards;
import io.hazardwatch.logins.LoginThrottle;
import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.ingest.limits.SlowLogins;
import io.hazardwatch.ingest.tls.CertificateLogin;
import io.hazardwatch.model.DeviceAddress;
import io.hazardwatch.model.DeviceStatus;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.registry.Principal;
import io.hazardwatch.model.registry.Registry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttWill;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT listeners (3.1.1 and 5; plain, and TLS if configured). A CONNECT goes through named steps:
 * authenticate ({@link ConnectLogin}: password, or client certificate on TLS) → check the client id is not held by
 * another login → check the will → check the enterprise's connection quota → open the session (taking over a
 * connection of the same login with the same client id) → accept. Until it is accepted a socket is watched by the
 * {@link io.hazardwatch.ingest.guard.SocketGuard} (connect timeout, caps on sockets not logged in).
 * The accepted connection is a {@link DeviceConnection}.
 */
public final class MqttGateway {

    private static final Logger LOG = LoggerFactory.getLogger(MqttGateway.class);
    static final int MQTT_5 = 5;
    /** The longest client id accepted (MQTT 5 allows 65 535; ids this long are what firmware uses in practice). */
    static final int MAX_CLIENT_ID_LENGTH = 128;

    private final Vertx vertx;
    private final GatewayServices services;
    private final ConnectLogin login;
    private final Guards guards;
    private final int maxPayloadBytes;
    private final Sessions sessions = new Sessions();
    private final List<MqttServer> servers = new CopyOnWriteArrayList<>();
    private final int eventLoops;
    private final int maxConnections;
    /** CONNECTs refused because the gateway was full, since the last log line about them (one every 10 s at most). */
    private final java.util.concurrent.atomic.LongAdder fullRefusals = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.AtomicLong fullLogged = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime() - FULL_LOG_INTERVAL);
    private static final long FULL_LOG_INTERVAL = 10_000_000_000L;
    private long purgeTimer = -1;
    /** A graceful stop: the balancer takes this gateway out; a CONNECT that still arrives is sent elsewhere. */
    private volatile boolean refusingConnects;

    public MqttGateway(Vertx vertx, GatewayServices services, SlowLogins slowLogins, Guards guards,
                       int maxPayloadBytes, int eventLoops, int maxConnections, CertificateLogin certificates) {
        this.vertx = vertx;
        this.maxConnections = maxConnections;
        this.guards = guards;
        this.login = new ConnectLogin(services.registry(), slowLogins, guards, certificates);
        this.eventLoops = eventLoops;
        this.services = services;
        this.maxPayloadBytes = maxPayloadBytes;
        ClientSocket.verifyAvailable();
    }

    /** Starts the plain listener; the Future holds the bound port. */
    public Future<Integer> start(String host, int port) {
        purgeTimer = vertx.setPeriodic(60_000, id -> {
            sessions.purgeExpired(System.nanoTime());
            guards.throttle().purge();
        });
        return listen(options(host, port), eventLoops);
    }

    /** Starts the TLS listener; the Future holds the bound port. */
    public Future<Integer> startTls(String host, IngestConfig.Tls tls) {
        MqttServerOptions options = options(host, tls.port());
        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString()));
        if (tls.caFile() != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(tls.caFile().toString()))
                    .setClientAuth(tls.clientAuth() == IngestConfig.ClientAuth.REQUIRED ? ClientAuth.REQUIRED
                            : tls.clientAuth() == IngestConfig.ClientAuth.REQUESTED ? ClientAuth.REQUEST : ClientAuth.NONE);
        }
        return listen(options, 1);
    }

    private MqttServerOptions options(String host, int port) {
        return new MqttServerOptions()
                .setHost(host)
                .setPort(port)
                // Larger packets are cut off by the codec; leave room above the payload limit so that an
                // oversize payload still arrives and is refused with a reason instead of a dropped connection.
                .setMaxMessageSize(maxPayloadBytes * 2 + 1024)
                // MQTT 3.1.1 asks servers to take 23 characters at least; device firmware often uses longer ids
                // (a prefix and a MAC address, the device login's name)
                .setMaxClientIdLength(MAX_CLIENT_ID_LENGTH);
    }

    /**
     * Listens with {@code instances} servers, each on its own event loop, on the same port (Vert.x shares the
     * port and spreads the connections over them), so that the plain listener uses every core. The TLS
     * listener, for fewer and longer-lived connections, has one.
     */
    private Future<Integer> listen(MqttServerOptions requested, int instances) {
        // Vert.x shares a random port among servers only when it is asked for with a negative port
        MqttServerOptions options = requested.getPort() == 0 && instances > 1
                ? new MqttServerOptions(requested).setPort(-1) : requested;
        return listenOnNewEventLoop(options).compose(port -> {
            List<Future<Integer>> more = new ArrayList<>();
            for (int i = 1; i < instances; i++) {
                more.add(listenOnNewEventLoop(options).map(p -> {
                    if (p.intValue() != port.intValue()) {
                        throw new IllegalStateException("an extra MQTT listener bound port " + p + ", not " + port);
                    }
                    return p;
                }));
            }
            return Future.all(more).map(port);
        });
    }

    private Future<Integer> listenOnNewEventLoop(MqttServerOptions options) {
        Listener listener = new Listener(options);
        return vertx.deployVerticle(listener).map(id -> listener.port);
    }

    /** A server bound to the event loop of its own deployment. */
    private final class Listener extends VerticleBase {
        private final MqttServerOptions options;
        private volatile int port;

        Listener(MqttServerOptions options) {
            this.options = options;
        }

        @Override
        public Future<?> start() {
            MqttServer server = MqttServer.create(vertx, options).endpointHandler(MqttGateway.this::onConnect);
            guards.sockets().guard(server);
            servers.add(server);
            return server.listen().map(s -> port = s.actualPort());
        }
    }

    /** Graceful stop, first step: new CONNECTs are refused (3.1.1: 3, 5: 0x9C use another server); the rest go on. */
    public void refuseNewConnections() {
        refusingConnects = true;
    }

    /** Stops reading from every client; messages already with Kafka still get their PUBACK. */
    public void stopReading() {
        sessions.activeConnections().forEach(c -> c.onContext(c::drainForShutdown));
    }

    public int connections() {
        return sessions.activeConnections().size();
    }

    /** Closes every connection (MQTT 5: DISCONNECT 0x8B server shutting down) and the listeners. */
    public Future<Void> stop() {
        if (purgeTimer >= 0) {
            vertx.cancelTimer(purgeTimer);
        }
        // DISCONNECT every client on its own event loop first; closing the listeners would cut them off silently
        List<Future<Void>> disconnected = new ArrayList<>();
        for (DeviceConnection c : sessions.activeConnections()) {
            io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
            c.onContext(() -> {
                try {
                    c.close(MqttDisconnectReasonCode.SERVER_SHUTTING_DOWN);
                } catch (RuntimeException e) {
                    LOG.warn("client {}: closing at shutdown: {}", c.clientId(), e.toString());
                } finally {
                    done.complete();
                }
            });
            disconnected.add(done.future());
        }
        return Future.join(disconnected)
                .eventually(() -> Future.all(servers.stream().map(MqttServer::close).toList()))
                .mapEmpty();
    }

    /** After a registry reload: disconnect clients whose credential was revoked or changed. */
    public void registryChanged(Registry registry) {
        for (DeviceConnection c : sessions.activeConnections()) {
            if (!registry.isCurrent(c.principal())) {
                LOG.warn("client {} ({}): credential revoked or changed in the registry, disconnecting", c.clientId(),
                        c.principal());
                c.onContext(() -> c.close(MqttDisconnectReasonCode.NOT_AUTHORIZED));
            }
        }
    }

    /** After a CRL reload: disconnect clients whose TLS certificate it now revokes (MQTT 5: 0x87). */
    public void certificatesRevoked(java.util.function.Predicate<javax.net.ssl.SSLSession> revoked) {
        for (DeviceConnection c : sessions.activeConnections()) {
            if (c.sslSession() != null && revoked.test(c.sslSession())) {
                LOG.warn("client {} ({}): its certificate is revoked (CRL), disconnecting", c.clientId(), c.principal());
                c.onContext(() -> c.close(MqttDisconnectReasonCode.NOT_AUTHORIZED));
            }
        }
    }

    private void onConnect(MqttEndpoint endpoint) {
        guards.sockets().connectArrived(ClientSocket.channel(endpoint));
        if (refusingConnects) {
            refuse(endpoint, "draining", MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                    MqttConnectReturnCode.CONNECTION_REFUSED_USE_ANOTHER_SERVER);
            return;
        }
        if (sessions.activeConnections().size() >= maxConnections) {
            fullRefusals.increment();
            long now = System.nanoTime();
            long last = fullLogged.get();
            if (now - last >= FULL_LOG_INTERVAL && fullLogged.compareAndSet(last, now)) {
                LOG.warn("refused {} CONNECTs in the last {} s: the gateway holds its maximum of {} connections "
                        + "(mqtt.max-connections)", fullRefusals.sumThenReset(), FULL_LOG_INTERVAL / 1_000_000_000L,
                        maxConnections);
            }
            refuse(endpoint, "gateway_full", MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                    MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY);
            return;
        }
        // A bcrypt login is checked off the event loop; a client may close meanwhile. Vert.x calls a close handler
        // only if it is set when the close happens, so watch for it from the start: a connection that is gone by the
        // time its login is answered takes no slot and is not counted (issue 15, finding 5).
        ConnectAttempt attempt = new ConnectAttempt();
        endpoint.closeHandler(v -> attempt.closed = true);
        login.authenticate(endpoint, attempt).onComplete(ar -> {
            if (attempt.closed) {
                LOG.info("client {}: connection closed before its CONNECT was answered", endpoint.clientIdentifier());
                services.metrics().connectionRefused("closed_before_answer");
            } else if (ar.failed() && ar.cause() instanceof LoginThrottle.Throttled) {
                // LoginThrottle logs when throttling starts; not a line per refused guess
                services.metrics().loginThrottled(IngestMetrics.Transport.MQTT);
                refuse(endpoint, "login_throttled", MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                        MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED);
            } else if (ar.failed() && ar.cause() instanceof SlowLogins.Busy) {
                // no line per client here: in a storm that would be thousands; SlowLogins sums them up each second
                refuse(endpoint, "busy", MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                        MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY);
            } else if (ar.failed() && ar.cause() instanceof CertificateLogin.Refused refused) {
                LOG.warn("refused client {}: {}", endpoint.clientIdentifier(), refused.getMessage());
                refuse(endpoint, "certificate_not_authorized", MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                        MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5);
            } else if (ar.failed()) {
                LOG.error("authentication of client {} failed: {}", endpoint.clientIdentifier(), ar.cause().toString());
                refuse(endpoint, "error", MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                        MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5);
            } else if (ar.result().isEmpty()) {
                MqttAuth auth = endpoint.auth();
                LOG.warn("refused client {}: bad username, password or certificate (username {})",
                        endpoint.clientIdentifier(), auth == null || auth.getUsername() == null ? "missing"
                                : "'" + auth.getUsername() + "'");
                refuse(endpoint, "bad_credentials", MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
                        MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD);
            } else {
                Principal principal = ar.result().get();
                if (checkClientId(endpoint, principal) && checkWill(endpoint, principal)
                        && checkConnectionQuota(endpoint, principal)) {
                    accept(endpoint, principal, attempt);
                }
            }
        });
    }

    /**
     * A client id held by another login (connected, or kept as its persistent session) is refused: otherwise a login of
     * one enterprise could take over another's device connection and session. The same login takes over its own.
     */
    private boolean checkClientId(MqttEndpoint endpoint, Principal principal) {
        String holder = sessions.holder(endpoint.clientIdentifier(), System.nanoTime());
        if (holder == null || holder.equals(principal.username())) {
            return true;
        }
        refuseClientIdHeld(endpoint, principal);
        return false;
    }

    private void refuseClientIdHeld(MqttEndpoint endpoint, Principal principal) {
        LOG.warn("refused client {} ({}): the client id is held by another login", endpoint.clientIdentifier(),
                principal);
        refuse(endpoint, "client_id_held", MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID);
    }

    /** A will must be the status topic of a device this login may publish for, QoS 0 or 1, not retained. */
    private boolean checkWill(MqttEndpoint endpoint, Principal principal) {
        MqttWill will = endpoint.will();
        if (will == null || !will.isWillFlag()) {
            return true;
        }
        DeviceAddress address = DeviceAddress.parse(will.getWillTopic(), Topics.MQTT_STATUS_SUFFIX).orElse(null);
        if (address == null || !principal.mayPublishFor(address.enterprise(), address.device())
                || !services.registry().get().hasDevice(address.enterprise(), address.device())) {
            LOG.warn("refused client {} ({}): will topic '{}' is not the status topic of one of its devices",
                    endpoint.clientIdentifier(), principal, will.getWillTopic());
            refuse(endpoint, "will_not_authorized", MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                    address == null ? MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID
                            : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5);
            return false;
        }
        if (will.getWillQos() > 1 || will.isWillRetain()) {
            LOG.warn("refused client {} ({}): will with QoS {} / retain {} is not supported", endpoint.clientIdentifier(),
                    principal, will.getWillQos(), will.isWillRetain());
            refuse(endpoint, "will_unsupported", MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                    will.getWillQos() > 1 ? MqttConnectReturnCode.CONNECTION_REFUSED_QOS_NOT_SUPPORTED
                            : MqttConnectReturnCode.CONNECTION_REFUSED_RETAIN_NOT_SUPPORTED);
            return false;
        }
        return true;
    }

    private boolean checkConnectionQuota(MqttEndpoint endpoint, Principal principal) {
        DeviceConnection replaced = sessions.active(endpoint.clientIdentifier());
        if (replaced != null && replaced.principal().username().equals(principal.username())) {
            // a device reconnecting over its own half-open connection is not refused at the limit: it takes over
            services.limits().connectReplacing(principal.enterprise());
            return true;
        }
        if (services.limits().tryConnect(principal.enterprise())) {
            return true;
        }
        LOG.warn("refused client {} ({}): enterprise is at its limit of {} connections", endpoint.clientIdentifier(),
                principal, services.limits().maxConnections(principal.enterprise()));
        refuse(endpoint, "quota_exceeded", MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED);
        return false;
    }

    private void accept(MqttEndpoint endpoint, Principal principal, ConnectAttempt attempt) {
        long now = System.nanoTime();
        long expiry = ConnackProperties.sessionExpiryNanos(endpoint, services);
        Sessions.Opened opened = sessions.open(endpoint.clientIdentifier(), principal.username(),
                endpoint.isCleanSession(), now);
        if (opened == null) {
            // another login took the client id since checkClientId: give the quota slot back
            services.limits().disconnected(principal.enterprise());
            refuseClientIdHeld(endpoint, principal);
            return;
        }
        DeviceConnection connection = new DeviceConnection(endpoint, principal, opened.session(), services);
        DeviceConnection previous = sessions.activate(endpoint.clientIdentifier(), connection);
        if (previous != null) {
            LOG.info("client {}: new connection takes over the previous one", endpoint.clientIdentifier());
            previous.onContext(() -> previous.close(MqttDisconnectReasonCode.SESSION_TAKEN_OVER));
        }
        MqttWill will = endpoint.will();
        services.metrics().connected();
        // from here the connection's close handler gives the slot back, exactly once
        connection.register(willApplies -> closed(endpoint, connection, opened.session(), expiry, willApplies));
        try {
            endpoint.accept(opened.present(), ConnackProperties.of(endpoint, expiry, services));
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Vert.x had already seen the close (its close handler will not run again): give the slot back here
            connection.closedBeforeAccept();
            return;
        }
        guards.sockets().authenticated(ClientSocket.channel(endpoint));
        services.metrics().connectAnswered(attempt.slowLogin, attempt.arrivedNanos);
        LOG.info("client {} connected as {} (MQTT {}, session {})", endpoint.clientIdentifier(), principal,
                endpoint.protocolVersion() == MQTT_5 ? "5" : "3.1.1", opened.present() ? "resumed" : "new");
        if (will != null && will.isWillFlag()) {
            status(will, endpoint.clientIdentifier(), DeviceStatus.State.ONLINE, "connected");
        }
    }

    private void closed(MqttEndpoint endpoint, DeviceConnection connection, Sessions.Session session, long expiry,
                        boolean willApplies) {
        services.metrics().disconnected();
        services.limits().disconnected(connection.principal().enterprise());
        sessions.closed(endpoint.clientIdentifier(), connection, session, expiry, System.nanoTime());
        MqttWill will = endpoint.will();
        if (willApplies && will != null && will.isWillFlag()) {
            LOG.warn("client {} ({}) lost without DISCONNECT: publishing its will, device offline",
                    endpoint.clientIdentifier(), connection.principal());
            status(will, endpoint.clientIdentifier(), DeviceStatus.State.OFFLINE, "connection lost (will message)");
        } else {
            LOG.info("client {} of {}: {}", endpoint.clientIdentifier(), connection.principal(),
                    connection.howItEnded());
        }
    }

    private void status(MqttWill will, String clientId, DeviceStatus.State state, String reason) {
        DeviceAddress address = DeviceAddress.parse(will.getWillTopic(), Topics.MQTT_STATUS_SUFFIX).orElseThrow();
        services.sender().status(new DeviceStatus(DeviceStatus.SCHEMA, address.enterprise(), address.device(), state,
                        clientId, reason, Instant.now()))
                .onFailure(e -> LOG.error("device {}/{} {}: status event not stored in Kafka: {}", address.enterprise(),
                        address.device(), state, e.toString()));
    }

    private void refuse(MqttEndpoint endpoint, String reason, MqttConnectReturnCode v311, MqttConnectReturnCode v5) {
        services.metrics().connectionRefused(reason);
        endpoint.reject(endpoint.protocolVersion() == MQTT_5 ? v5 : v311);
    }
}
