package io.hazardwatch.ingest.config;

import io.hazardwatch.ingest.kafka.ProducerCompression;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.HttpTls;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The gateway's configuration, read once at start-up from a properties file and HW_* environment variables.
 *
 * @param mqttHost                  interface the MQTT listeners bind to ({@code mqtt.host}, default 127.0.0.1)
 * @param mqttPort                  plain MQTT listener port ({@code mqtt.port}, default 1883; 0 = any free port; -1 = no
 *                                  plain listener, e.g. when only {@code mqtt.tls.port} may be reached)
 * @param mqttEventLoops            MQTT servers sharing the port, one per event loop ({@code mqtt.event-loops},
 *                                  default: the number of cores)
 * @param kafkaCompression          compression of the producer's batches ({@code kafka.compression}: none, lz4,
 *                                  zstd, snappy or gzip; default zstd: Kafka's lz4 allocates ~128 KB of buffers
 *                                  for every batch, and without linger a batch holds a few readings: at 10 000
 *                                  readings/s that was 86 % of the gateway's allocation, and its GC pauses the
 *                                  tail of the PUBACKs (issue 17); zstd's buffers are pooled). Tried on this
 *                                  host at start ({@link ProducerCompression}): the default falls back to lz4
 *                                  where zstd's native library cannot load; a named codec that fails stops start-up
 * @param kafkaLingerMs             how long the producer waits to fill a batch ({@code kafka.linger-ms}, default 0):
 *                                  adds that much to every PUBACK. 0: batches come from load alone (what gathered while
 *                                  the previous request was out, and the send thread's turns under load): PUBACK
 *                                  mean 0.5 ms at 1 000 msg/s (5 ms linger: 4.1 ms), same throughput (issue 17)
 * @param kafkaSendTurn             how long the thread that hands readings to the producer gathers them once it is
 *                                  busy ({@code kafka.send-turn-micros}, default 1000): shorter, a PUBACK waits less;
 *                                  longer, fewer wake-ups under load (500 devices closed loop: 51 000 msg/s at 1 ms,
 *                                  41 000 at 250 us, two runs each; a device at a park's pace never waits for a turn)
 * @param kafkaBootstrap            Kafka bootstrap servers ({@code kafka.bootstrap})
 * @param readingsTopic             topic for accepted readings ({@code topic.readings})
 * @param deadLetterTopic           topic for rejected payloads ({@code topic.deadletter})
 * @param statusTopic               topic for device online/offline events ({@code topic.device-status})
 * @param registryFile              the registry ({@code registry.file}); re-read when it changes
 * @param maxPayloadBytes           larger payloads are rejected ({@code ingest.max-payload-bytes}, default 64 KiB)
 * @param maxBatchSize              most readings in one message ({@code ingest.max-batch-size}, default 500)
 * @param clockTolerance            how far ahead of the gateway's clock a reading's {@code ts} may be and still be its
 *                                  event time; a stamp further ahead is clamped to the receive time
 *                                  ({@code ingest.clock-tolerance-ms}, default 2000; replaces the retired
 *                                  {@code ingest.max-future-skew-seconds})
 * @param maxAge                    how old a reading may be ({@code ingest.max-age-hours}, default 24 h)
 * @param maxInFlightPerConnection  messages of one connection waiting for Kafka before the gateway stops reading
 *                                  its socket ({@code ingest.max-in-flight-per-connection}, default 64)
 * @param maxInFlight               the same over all connections and HTTP ({@code ingest.max-in-flight}, default 4096)
 * @param defaultMaxConnections     per enterprise, unless the registry says otherwise ({@code ingest.default-max-connections}, 1000)
 * @param defaultMaxMessagesPerSecond per enterprise, unless the registry says otherwise
 *                                  ({@code ingest.default-max-messages-per-second}, 5000)
 * @param kafkaDeliveryTimeout      how long a write may wait for Kafka before the client is disconnected
 *                                  without acknowledgement ({@code kafka.delivery-timeout-ms}, default 30000)
 * @param registryCheckInterval     how often the registry file is checked for changes ({@code registry.check-interval-ms}, 2000)
 * @param sessionExpiry             how long a persistent MQTT 3.1.1 session is kept after disconnect
 *                                  ({@code mqtt.session-expiry-hours}, default 24)
 * @param guard                     defences at the login edges ({@code mqtt.connect-timeout-seconds}, {@code login.throttle-*}, ...)
 * @param httpHost                  interface of the HTTP listener: ingest, metrics, health ({@code http.host}, 127.0.0.1)
 * @param httpPort                  HTTP port ({@code http.port}, default 8081; 0 = any free port; -1 = no HTTP)
 * @param tls                       the optional TLS MQTT listener; null when {@code mqtt.tls.port} is not set
 * @param drainTimeout              how long shutdown waits for in-flight messages ({@code ingest.drain-timeout-seconds}, 10)
 * @param heartbeatsTopic           topic for the gateway's heartbeats ({@code topic.heartbeats})
 * @param bridges                   enterprise brokers to subscribe to ({@code bridges} = comma-separated names, then
 *                                  {@code bridge.<name>.*}); empty by default
 * @param loginThreads              workers that check slow (bcrypt) logins of MQTT and HTTP ({@code mqtt.login-threads},
 *                                  default: half the cores, at least 1, so that a reconnect storm leaves the other
 *                                  cores to the connections already publishing); device secrets need none
 * @param maxPendingLogins          slow logins waiting or running at most ({@code mqtt.max-pending-logins}, default
 *                                  256); beyond that a CONNECT is refused as busy (3.1.1: 3, 5: 0x89), HTTP gets 503
 * @param maxConnections            MQTT connections held at most ({@code mqtt.max-connections}); default: the
 *                                  process's file descriptor limit less a tenth of it (64 to 1 000) kept for Kafka,
 *                                  files and the HTTP listener (`bin/hw` raises the soft limit to the hard one). Beyond it a CONNECT is refused at once (3.1.1: 3, 5: 0x89): with every
 *                                  descriptor taken the gateway could no longer reach Kafka, and a new socket would
 *                                  fail in accept() with "Too many open files", unanswered
 * @param httpTls                   TLS of the HTTP listener ({@code http.tls.cert-file}, {@code http.tls.key-file}, PEM);
 *                                  null: plain HTTP
 * @param kafkaAuth                 the gateway's Kafka principal: a client properties file
 *                                  ({@code kafka.client-properties-file}, default env {@code HW_KAFKA_CLIENT_PROPERTIES};
 *                                  none: plaintext)
 * @param instance                  this gateway as one of several behind a balancer: instance id, drain wait, quota
 *                                  shares ({@code gateway.*}, {@code limits.instances})
 */
public record IngestConfig(
        String mqttHost,
        int mqttPort,
        String kafkaBootstrap,
        String readingsTopic,
        String deadLetterTopic,
        String statusTopic,
        Path registryFile,
        int maxPayloadBytes,
        int maxBatchSize,
        Duration clockTolerance,
        Duration maxAge,
        int maxInFlightPerConnection,
        int maxInFlight,
        int defaultMaxConnections,
        int defaultMaxMessagesPerSecond,
        Duration kafkaDeliveryTimeout,
        Duration registryCheckInterval,
        Duration sessionExpiry,
        Guard guard,
        String httpHost,
        int httpPort,
        Tls tls,
        Duration drainTimeout,
        java.util.List<Bridge> bridges,
        int mqttEventLoops,
        String kafkaCompression,
        int kafkaLingerMs,
        Duration kafkaSendTurn,
        String heartbeatsTopic,
        int loginThreads,
        int maxPendingLogins,
        int maxConnections,
        HttpTls httpTls,
        KafkaClientAuth kafkaAuth,
        GatewayInstance instance) {

    /**
     * Descriptors kept for everything but MQTT connections (Kafka, the registry, jars, logs, the HTTP listener): a
     * tenth of the limit, at least 64 and at most 1 000.
     */
    static int reservedDescriptors(long limit) {
        return (int) Math.max(64, Math.min(1000, limit / 10));
    }

    /** MQTT connections that fit under a descriptor limit: the limit less {@link #reservedDescriptors}. */
    static int connectionsWithinDescriptors(long limit) {
        return (int) Math.max(1, Math.min(1_000_000, limit - reservedDescriptors(limit)));
    }

    /** {@link #connectionsWithinDescriptors(long)} of this process's limit; 1 000 000 where it cannot be read. */
    static int connectionsWithinDescriptors() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return connectionsWithinDescriptors(unix.getMaxFileDescriptorCount());
        }
        return 1_000_000;
    }

    /**
     * A bridge to an enterprise's own MQTT broker ({@code bridge.<name>.*}). The gateway subscribes there and
     * forwards each message as if the login had published it on {@code hazardwatch/v1/{enterprise}/{device}/readings},
     * acknowledging upstream only after Kafka's ack (at-least-once).
     *
     * @param name      the bridge's name in {@code bridges}
     * @param url       the enterprise broker, e.g. {@code tcp://broker.plant:1883} ({@code .url})
     * @param login     the registry login whose enterprise and devices the bridge may publish for ({@code .login})
     * @param username  login at the enterprise broker ({@code .username}, optional)
     * @param password  its password ({@code .password}, optional; prefer HW_BRIDGE_<NAME>_PASSWORD)
     * @param subscribe upstream topic filter with exactly one {@code +} level naming the device, e.g.
     *                  {@code site/+/gas} ({@code .subscribe})
     * @param clientId  MQTT client id at the enterprise broker ({@code .client-id}, default hazardwatch-bridge-<name>)
     */
    public record Bridge(String name, String url, String login, String username, String password, String subscribe,
                         String clientId) {

        public Bridge {
            if (subscribe.split("/", -1).length < 2 || subscribe.chars().filter(c -> c == '+').count() != 1
                    || subscribe.contains("#")) {
                throw new ConfigException("bridge." + name + ".subscribe: '" + subscribe
                        + "' must have exactly one '+' level (the device id) and no '#'");
            }
        }
    }

    /**
     * TLS listener for MQTT ({@code mqtt.tls.*}).
     *
     * @param port       {@code mqtt.tls.port} (0 = any free port)
     * @param certFile   server certificate chain, PEM ({@code mqtt.tls.cert-file})
     * @param keyFile    its private key, PEM ({@code mqtt.tls.key-file})
     * @param caFile     CA of client certificates, PEM ({@code mqtt.tls.client-ca-file}); a certificate it signed logs
     *                   in as the registry login whose {@code certificate} names it, without a password
     * @param clientAuth whether the TLS handshake asks for a client certificate ({@code mqtt.tls.client-auth}: none,
     *                   requested, required; default requested with a client CA, none without). required: a client
     *                   without a certificate signed by the CA is refused in the handshake, before any CONNECT
     * @param crlFile    revoked client certificates, a PEM or DER CRL of that CA ({@code mqtt.tls.crl-file}, optional);
     *                   re-read when it changes, like the registry
     */
    public record Tls(int port, Path certFile, Path keyFile, Path caFile, ClientAuth clientAuth, Path crlFile) {

        public Tls(int port, Path certFile, Path keyFile, Path caFile) {
            this(port, certFile, keyFile, caFile, caFile == null ? ClientAuth.NONE : ClientAuth.REQUESTED, null);
        }

        public Tls {
            if (clientAuth != ClientAuth.NONE && caFile == null) {
                throw new ConfigException("mqtt.tls.client-auth: " + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
                        + " needs mqtt.tls.client-ca-file (the CA that signs the client certificates)");
            }
            if (crlFile != null && caFile == null) {
                throw new ConfigException("mqtt.tls.crl-file: needs mqtt.tls.client-ca-file (the CA that signs the CRL)");
            }
        }
    }

    /** Whether the MQTT TLS listener asks for a client certificate in the handshake ({@code mqtt.tls.client-auth}). */
    public enum ClientAuth { NONE, REQUESTED, REQUIRED }
    /**
     * Defences at the login edges (issue 16).
     *
     * @param connectTimeout               a socket that has sent no CONNECT this long after the TCP accept is closed
     *                                     ({@code mqtt.connect-timeout-seconds}, default 10)
     * @param maxUnauthenticated           MQTT sockets not yet logged in, at most; beyond, a new socket is closed at
     *                                     once ({@code mqtt.max-unauthenticated}, default 1 000)
     * @param maxUnauthenticatedPerAddress the same from one source address ({@code mqtt.max-unauthenticated-per-address},
     *                                     default 100)
     * @param throttleAfterFailures        failed logins of a username, or from an address, within the window before it
     *                                     is throttled ({@code login.throttle-after-failures}, default 5)
     * @param throttleWindow               failures further apart than this start the count again
     *                                     ({@code login.throttle-window-seconds}, default 600)
     * @param throttleFirstDelay           how long a login is first refused once throttled
     *                                     ({@code login.throttle-first-delay-seconds}, default 1)
     * @param throttleMaxDelay             the refusal doubles with each further failure up to this
     *                                     ({@code login.throttle-max-delay-seconds}, default 30)
     * @param throttleMaxEntries           usernames and addresses remembered at most, least recently used dropped
     *                                     first ({@code login.throttle-max-entries}, default 100 000)
     */
    public record Guard(Duration connectTimeout, int maxUnauthenticated, int maxUnauthenticatedPerAddress,
                        int throttleAfterFailures, Duration throttleWindow, Duration throttleFirstDelay,
                        Duration throttleMaxDelay, int throttleMaxEntries) {

        static Guard from(Settings settings) {
            // login.throttle-*: one parse, shared with the alert service's board logins
            io.hazardwatch.logins.LoginThrottleConfig throttle = io.hazardwatch.logins.LoginThrottleConfig.from(settings);
            return new Guard(
                    Duration.ofSeconds(settings.integer("mqtt.connect-timeout-seconds", 10, 1, 600)),
                    settings.integer("mqtt.max-unauthenticated", 1000, 1, 10_000_000),
                    settings.integer("mqtt.max-unauthenticated-per-address", 100, 1, 10_000_000),
                    throttle.afterFailures(), throttle.window(), throttle.firstDelay(), throttle.maxDelay(),
                    throttle.maxEntries());
        }
    }

    private static final String RETIRED_FUTURE_SKEW = "ingest.max-future-skew-seconds";

    public static IngestConfig from(Settings settings) {
        int perConnection = settings.integer("ingest.max-in-flight-per-connection", 64, 1, 65_535);
        int global = settings.integer("ingest.max-in-flight", 4096, 1, 1_000_000);
        if (global < perConnection) {
            throw new ConfigException("ingest.max-in-flight: " + global
                    + " is below ingest.max-in-flight-per-connection (" + perConnection + ")");
        }
        return new IngestConfig(
                settings.string("mqtt.host", "127.0.0.1"),
                settings.integer("mqtt.port", 1883, -1, 65535),
                settings.string("kafka.bootstrap", "127.0.0.1:9092"),
                settings.string("topic.readings", Topics.READINGS),
                settings.string("topic.deadletter", Topics.DEAD_LETTER),
                settings.string("topic.device-status", Topics.DEVICE_STATUS),
                settings.existingFile("registry.file", "deploy/config/registry.yaml"),
                settings.integer("ingest.max-payload-bytes", 64 * 1024, 256, 16 * 1024 * 1024),
                settings.integer("ingest.max-batch-size", 500, 1, 10_000),
                clockTolerance(settings),
                Duration.ofHours(settings.integer("ingest.max-age-hours", 24, 1, 24 * 365)),
                perConnection,
                global,
                settings.integer("ingest.default-max-connections", 1000, 1, 1_000_000),
                settings.integer("ingest.default-max-messages-per-second", 5000, 1, 10_000_000),
                Duration.ofMillis(settings.integer("kafka.delivery-timeout-ms", 30_000, 1000, 600_000)),
                Duration.ofMillis(settings.integer("registry.check-interval-ms", 2000, 100, 600_000)),
                Duration.ofHours(settings.integer("mqtt.session-expiry-hours", 24, 0, 24 * 30)),
                Guard.from(settings),
                settings.string("http.host", "127.0.0.1"),
                settings.integer("http.port", 8081, -1, 65535),
                tls(settings),
                Duration.ofSeconds(settings.integer("ingest.drain-timeout-seconds", 10, 0, 600)),
                bridges(settings),
                settings.integer("mqtt.event-loops", Runtime.getRuntime().availableProcessors(), 1, 64),
                compression(settings),
                settings.integer("kafka.linger-ms", 0, 0, 1000),
                Duration.ofNanos(1000L * settings.integer("kafka.send-turn-micros", 1000, 10, 100_000)),
                settings.string("topic.heartbeats", Topics.HEARTBEATS),
                settings.integer("mqtt.login-threads", Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 1, 64),
                settings.integer("mqtt.max-pending-logins", 256, 1, 1_000_000),
                settings.integer("mqtt.max-connections", connectionsWithinDescriptors(), 1, 10_000_000),
                HttpTls.from(settings, "http.tls."),
                KafkaClientAuth.from(settings),
                GatewayInstance.from(settings));
    }

    /** At least one listener: a gateway nobody can reach would look healthy while no reading arrives. */
    public IngestConfig {
        if (mqttPort < 0 && tls == null && httpPort < 0) {
            throw new ConfigException("mqtt.port, mqtt.tls.port, http.port: no listener left (mqtt.port=-1, http.port=-1 "
                    + "and no mqtt.tls.port); enable at least one");
        }
    }

    private static Duration clockTolerance(Settings settings) {
        if (!settings.string(RETIRED_FUTURE_SKEW, "").isEmpty()) {
            // it used to let stamps up to 5 min ahead become event time, which muted the sensor (issue 15): say so
            // rather than ignore a setting the operator believes is in force
            throw new ConfigException(RETIRED_FUTURE_SKEW + ": retired; stamps ahead of the gateway clock are now "
                    + "clamped to the receive time beyond ingest.clock-tolerance-ms (default 2000): remove it");
        }
        return Duration.ofMillis(settings.integer("ingest.clock-tolerance-ms", 2000, 0, 60_000));
    }

    /** Checked on this host: a codec whose native library cannot load would fail every reading's send. */
    private static String compression(Settings settings) {
        return ProducerCompression.choose(settings.string(ProducerCompression.KEY, ""));
    }

    private static java.util.List<Bridge> bridges(Settings settings) {
        java.util.List<Bridge> bridges = new java.util.ArrayList<>();
        for (String name : settings.string("bridges", "").split(",")) {
            String n = name.trim();
            if (n.isEmpty()) {
                continue;
            }
            String prefix = "bridge." + n + ".";
            String username = settings.string(prefix + "username", "");
            bridges.add(new Bridge(n, settings.string(prefix + "url"), settings.string(prefix + "login"),
                    username.isEmpty() ? null : username,
                    username.isEmpty() ? null : settings.string(prefix + "password", ""),
                    settings.string(prefix + "subscribe"),
                    settings.string(prefix + "client-id", "hazardwatch-bridge-" + n)));
        }
        return java.util.List.copyOf(bridges);
    }

    private static Tls tls(Settings settings) {
        if (settings.string("mqtt.tls.port", "").isEmpty()) {
            return null;
        }
        String ca = settings.string("mqtt.tls.client-ca-file", "");
        String crl = settings.string("mqtt.tls.crl-file", "");
        String auth = settings.string("mqtt.tls.client-auth", ca.isEmpty() ? "none" : "requested");
        ClientAuth clientAuth;
        try {
            clientAuth = ClientAuth.valueOf(auth.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mqtt.tls.client-auth: '" + auth + "' is not one of none, requested, required");
        }
        return new Tls(settings.port("mqtt.tls.port", 8883),
                settings.existingFile("mqtt.tls.cert-file", null),
                settings.existingFile("mqtt.tls.key-file", null),
                ca.isEmpty() ? null : settings.existingFile("mqtt.tls.client-ca-file", null),
                clientAuth,
                crl.isEmpty() ? null : settings.existingFile("mqtt.tls.crl-file", null));
    }
}
