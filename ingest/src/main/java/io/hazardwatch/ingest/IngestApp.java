package io.hazardwatch.ingest;

import io.hazardwatch.ingest.bridge.EnterpriseBridge;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.ingest.guard.Guards;
import io.hazardwatch.ingest.guard.ProtocolErrors;
import io.hazardwatch.ingest.http.BearerAuth;
import io.hazardwatch.ingest.http.HttpApi;
import io.hazardwatch.ingest.intake.ClampedClocks;
import io.hazardwatch.ingest.intake.Intake;
import io.hazardwatch.ingest.intake.ReadingSender;
import io.hazardwatch.ingest.heartbeat.GatewayHeartbeat;
import io.hazardwatch.ingest.kafka.HeartbeatSink;
import io.hazardwatch.ingest.kafka.KafkaHeartbeatSink;
import io.hazardwatch.ingest.kafka.KafkaReadingSender;
import io.hazardwatch.ingest.limits.EnterpriseLimits;
import io.hazardwatch.ingest.limits.InFlightBudget;
import io.hazardwatch.ingest.limits.SlowLogins;
import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.ingest.mqtt.GatewayServices;
import io.hazardwatch.ingest.mqtt.MqttGateway;
import io.hazardwatch.ingest.registry.RegistryWatcher;
import io.hazardwatch.ingest.tls.CertificateLogin;
import io.hazardwatch.ingest.tls.RevokedCertificates;
import io.hazardwatch.ingest.validation.PayloadValidator;
import io.hazardwatch.logins.DemoLogins;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Composition root of the ingest gateway: builds every collaborator with plain {@code new}. */
public final class IngestApp {

    private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);

    private final Vertx vertx;
    private final IngestConfig config;
    private final RegistryWatcher registry;
    private final ReadingSender sender;
    private final InFlightBudget budget;
    private final IngestMetrics metrics;
    private final MqttGateway gateway;
    private final HttpApi http;
    private final List<EnterpriseBridge> bridges;
    private final EnterpriseLimits limits;
    private final SlowLogins slowLogins;
    private final HeartbeatSink heartbeatSink;
    private final GatewayHeartbeat heartbeat;
    private final RevokedCertificates revoked;
    private int mqttPort = -1;
    private int tlsPort = -1;
    private int httpPort = -1;
    private volatile boolean stopping;
    private Future<Void> stopped;

    private IngestApp(Vertx vertx, IngestConfig config) {
        this.vertx = vertx;
        ProtocolErrors.install(vertx); // before the MQTT servers create their contexts
        this.config = config;
        this.registry = new RegistryWatcher(vertx, config.registryFile(), r -> refuseDemoLogins(config, r));
        // read before anything holds a connection: a CRL that does not verify stops start-up
        this.revoked = config.tls() == null || config.tls().crlFile() == null ? RevokedCertificates.none()
                : RevokedCertificates.of(config.tls().crlFile(), config.tls().caFile());
        this.budget = new InFlightBudget(config.maxInFlight());
        this.metrics = new IngestMetrics(budget::inFlight);
        this.sender = new KafkaReadingSender(vertx, metrics, config.kafkaBootstrap(), config.readingsTopic(),
                config.deadLetterTopic(), config.statusTopic(), config.kafkaDeliveryTimeout(), config.kafkaCompression(),
                config.kafkaLingerMs(), config.kafkaSendTurn(), config.kafkaAuth());
        PayloadValidator validator = new PayloadValidator(registry, config.maxPayloadBytes(), config.maxBatchSize(),
                config.clockTolerance(), config.maxAge(),
                new ClampedClocks(metrics, java.time.Duration.ofMinutes(10), System::nanoTime));
        this.limits = new EnterpriseLimits(registry, config.defaultMaxConnections(),
                config.defaultMaxMessagesPerSecond(), System::nanoTime, config.instance().quotaShares());
        Intake intake = new Intake(validator, sender, limits, metrics);
        this.slowLogins = new SlowLogins(vertx, config.loginThreads(), config.maxPendingLogins());
        metrics.watchPendingLogins(slowLogins::pending);
        CertificateLogin certificates = new CertificateLogin(revoked);
        Guards guards = Guards.create(vertx, config.guard(), metrics);
        this.gateway = new MqttGateway(vertx, new GatewayServices(registry, intake, sender, limits, budget, metrics,
                config.maxInFlightPerConnection(), config.sessionExpiry()), slowLogins, guards,
                config.maxPayloadBytes(), config.mqttEventLoops(), config.maxConnections(), certificates);
        BearerAuth auth = new BearerAuth(registry, slowLogins, guards);
        this.http = new HttpApi(vertx, intake, auth, budget, metrics, this::readiness, config.maxPayloadBytes());
        this.bridges = config.bridges().stream().map(b -> new EnterpriseBridge(vertx, b, registry, intake)).toList();
        this.heartbeatSink = new KafkaHeartbeatSink(vertx, config.kafkaBootstrap(), config.heartbeatsTopic(),
                config.kafkaAuth());
        this.heartbeat = new GatewayHeartbeat(vertx, heartbeatSink, gateway::connections,
                metrics::capacityRefusals,
                new GatewayHeartbeat.Storage(metrics::storageFailures, metrics::lastStorageFailure));
        revoked.onReload(crl -> gateway.certificatesRevoked(certificates::revoked));
        registry.onReload(r -> {
            auth.forget();
            gateway.registryChanged(r);
        });
    }

    public static Future<IngestApp> start(Vertx vertx, IngestConfig config) {
        IngestApp app = new IngestApp(vertx, config);
        app.registry.start(config.registryCheckInterval());
        app.revoked.start(vertx, config.registryCheckInterval());
        LOG.info("Kafka {}: {}", config.kafkaBootstrap(), config.kafkaAuth());
        // say at start-up whether Kafka answers; messages wait for it either way
        app.sender.ready().onSuccess(ok -> {
            if (!ok) {
                LOG.warn("Kafka {} does not answer yet; messages will wait for it", config.kafkaBootstrap());
            }
        });
        Future<Void> mqtt = config.mqttPort() < 0 ? Future.succeededFuture()
                : app.gateway.start(config.mqttHost(), config.mqttPort()).map(p -> {
                    app.mqttPort = p;
                    return null;
                });
        Future<Void> tls = config.tls() == null ? Future.succeededFuture()
                : app.gateway.startTls(config.mqttHost(), config.tls()).map(p -> {
                    app.tlsPort = p;
                    return null;
                });
        Future<Void> http = config.httpPort() < 0 ? Future.succeededFuture()
                : app.http.start(config.httpHost(), config.httpPort(), config.httpTls()).map(p -> {
                    app.httpPort = p;
                    return null;
                });
        // the heartbeat names the gateway by its first MQTT listener (plain, else TLS), else by its HTTP listener
        // unless gateway.instance-id names it, the host name and the port of that listener
        Future.all(mqtt, tls, http).onSuccess(v -> app.heartbeat.start(config.instance().idOr(app.mqttPort >= 0
                ? config.mqttHost() + ":" + app.mqttPort
                : app.tlsPort >= 0 ? config.mqttHost() + ":" + app.tlsPort : config.httpHost() + ":" + app.httpPort)));
        Future<Void> bridges = Future.all(app.bridges.stream().map(EnterpriseBridge::start).toList()).mapEmpty();
        return Future.all(mqtt, tls, http, bridges).map(app)
                .recover(e -> app.stop().transform(v -> Future.failedFuture(e)));
    }

    /**
     * Production mode: a listener other machines can reach refuses the demo registry's logins — at start-up (the
     * gateway does not start) and in a reloaded registry (the last good one stays).
     */
    private static Registry refuseDemoLogins(IngestConfig config, Registry registry) {
        String fix = "give each device its own secret (bin/hw device-secret) or a new bcrypt hash (bin/hw passwords)";
        try {
            if (config.mqttPort() >= 0 || config.tls() != null) {
                DemoLogins.refuseOnReachableAddress("mqtt.host", config.mqttHost(), "registry.file",
                        registry.loginHashes(), fix);
            }
            if (config.httpPort() >= 0) {
                DemoLogins.refuseOnReachableAddress("http.host", config.httpHost(), "registry.file",
                        registry.loginHashes(), fix);
            }
            return registry;
        } catch (ConfigException e) {
            throw new RegistryException(e.getMessage(), e);
        }
    }

    /** The port the plain MQTT listener is bound to, -1 without one ({@code mqtt.port=-1}). */
    public int mqttPort() {
        return mqttPort;
    }

    /** The port of the TLS MQTT listener, -1 without one. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The port of the HTTP listener (ingest, metrics, health), -1 without one. */
    public int httpPort() {
        return httpPort;
    }

    /** Messages handed to Kafka and not yet acknowledged, over all connections. */
    public int inFlight() {
        return budget.inFlight();
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** Open MQTT connections counted against the enterprise's connection limit. */
    public int connections(String enterprise) {
        return limits.connections(enterprise);
    }

    private Future<Map<String, Boolean>> readiness() {
        return sender.ready().map(kafka -> {
            Map<String, Boolean> checks = new LinkedHashMap<>();
            checks.put("kafka", kafka);
            checks.put("accepting", !stopping);
            return checks;
        });
    }

    /**
     * Graceful shutdown: answer /ready 503 and refuse new CONNECTs, keep serving the connected devices for
     * {@code gateway.drain-seconds} (the balancer takes the gateway out meanwhile), then stop reading from clients and
     * bridges, wait (at most the drain timeout) until every message handed to Kafka is acknowledged and its PUBACK
     * sent, disconnect clients (MQTT 5: 0x8B), close the listeners, flush the producer and send the last heartbeat
     * ("stopped on purpose"). Messages not acknowledged by then are re-sent by their clients.
     */
    public synchronized Future<Void> stop() {
        if (stopped == null) {
            stopping = true;
            stopped = drainThenStop();
        }
        return stopped;
    }

    private Future<Void> drainThenStop() {
        gateway.refuseNewConnections();
        java.time.Duration wait = config.instance().drainWait();
        if (wait.isZero()) {
            return stopServing();
        }
        LOG.info("shutdown: /ready answers 503 and new CONNECTs are refused; serving {} connected clients {} s more "
                + "(gateway.drain-seconds)", gateway.connections(), wait.toSeconds());
        Promise<Void> waited = Promise.promise();
        vertx.setTimer(wait.toMillis(), id -> waited.complete());
        return waited.future().compose(v -> stopServing());
    }

    private Future<Void> stopServing() {
        registry.stop();
        revoked.stop(vertx);
        gateway.stopReading();
        LOG.info("shutdown: not reading from clients any more; {} messages wait for Kafka", budget.inFlight());
        Future<Void> bridgesStopped = Future.all(bridges.stream().map(EnterpriseBridge::stop).toList()).mapEmpty();
        return bridgesStopped.eventually(this::drained)
                .eventually(() -> {
                    LOG.info("shutdown: disconnecting {} clients", gateway.connections());
                    return gateway.stop();
                })
                .eventually(http::stop)
                .eventually(slowLogins::close)
                .eventually(sender::close)
                .eventually(heartbeat::stopped)
                .eventually(heartbeatSink::close)
                .onComplete(ar -> LOG.info("shutdown: done"));
    }

    private Future<Void> drained() {
        Promise<Void> done = Promise.promise();
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        if (budget.inFlight() == 0) {
            return Future.succeededFuture();
        }
        vertx.setPeriodic(20, id -> {
            if (budget.inFlight() == 0 || System.nanoTime() > deadline) {
                if (budget.inFlight() > 0) {
                    LOG.warn("shutdown: {} messages still wait for Kafka after {} s; their clients will send them again",
                            budget.inFlight(), config.drainTimeout().toSeconds());
                }
                done.tryComplete();
                vertx.cancelTimer(id);
            }
        });
        return done.future();
    }
}
