package io.hazardwatch.alerts.config;

import io.hazardwatch.alerts.acklink.AckLinkConfig;
import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.HttpTls;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.model.kafka.KafkaClientAuth;
import io.hazardwatch.notify.config.NotifierConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the alert service needs to start, read once and validated: a bad value stops startup with a
 * {@link ConfigException} that names the key. Each key may be overridden by its {@code HW_*} environment
 * variable (see {@link Settings}).
 *
 * @param kafkaBootstrap     {@value #KAFKA_BOOTSTRAP}: Kafka bootstrap servers, default {@value #DEFAULT_BOOTSTRAP}
 * @param alarmsTopic        {@value #TOPIC_ALARMS}: the detection job's alarm transitions, default {@link Topics#ALARMS}
 * @param incidentStateTopic {@value #TOPIC_INCIDENT_STATE}: compacted incident state, default {@link Topics#INCIDENT_STATE}
 * @param incidentEventTopic {@value #TOPIC_INCIDENT_EVENTS}: incident audit log, default {@link Topics#INCIDENT_EVENTS}
 * @param registryFile       {@value #REGISTRY_FILE}: registry (for grid cells), default {@value #DEFAULT_REGISTRY}
 * @param usersFile          {@value #USERS_FILE}: API users and roles, default {@value #DEFAULT_USERS}
 * @param policyFile         {@value #POLICY_FILE}: on-call rotas, escalation, risk rules, default {@value #DEFAULT_POLICY}
 * @param httpHost           {@value #HTTP_HOST}: address the API is served on, default {@value #DEFAULT_HOST}
 * @param httpPort           {@value #HTTP_PORT}: its port, default {@value #DEFAULT_PORT}; 0 = any free port
 * @param tick               {@value #TICK_MS}: how often due escalation steps and retries are looked for, default 1000 ms
 * @param notifyTimeout      {@value #NOTIFY_TIMEOUT_MS}: longest wait for a provider's answer, default 30000 ms
 * @param httpChannels       {@value #NOTIFY_CHANNELS}: channels sent as a JSON webhook (generic HTTP notifier),
 *                           comma-separated; each needs {@code alert.notify.<channel>.url}; the optional
 *                           {@code alert.notify.<channel>.secret} (set it by environment) signs the body with HMAC
 * @param retention          {@value #RETENTION_DAYS}: how long a closed incident (and an ended silence) is kept after
 *                           it was closed, default and minimum {@value #MIN_RETENTION_DAYS} days; then it is
 *                           removed from memory and tombstoned in the state topic
 * @param notifiers          the {@code notify.*} keys of the notifications module (SMS, IM robots, push, generic
 *                           webhook, emergency dispatch); credentials only from the environment
 * @param influxUrl          {@value #INFLUX_URL}: InfluxDB 1.x the board's sensor history is read from, default
 *                           {@value #DEFAULT_INFLUX_URL}
 * @param influxDatabase     {@value #INFLUX_DATABASE}: its database, default {@value #DEFAULT_INFLUX_DATABASE}
 * @param limits             comment length and the incident store's bounds ({@code alert.comment.*}, {@code alert.store.*})
 * @param deadLetterTopic    {@value #TOPIC_DEAD_LETTER}: the gateway's refused messages, counted per enterprise for the board
 * @param watchdog           the watchdog of the monitoring chain ({@code topic.heartbeats}, {@code alert.watchdog.*})
 * @param commitments        the daily safety commitment ({@code commitments.*}, see {@link CommitmentConfig}); its
 *                           days and deadline are the park's, in the alerting policy's {@code timezone}
 * @param feedback           the enterprises' attachments and the board's public address ({@code alert.attachments.*},
 *                           {@code alert.board.public-url})
 * @param ackLinks           the acknowledge links in messages ({@code alert.ack.*}, see {@link AckLinkConfig}; issue 21)
 * @param reports            the duty reports and the incidents in InfluxDB ({@code reports.*}, {@code influx.incidents*},
 *                           see {@link ReportConfig})
 * @param duty               the duty roster and the reloading of config files ({@code alert.roster.file},
 *                           {@code alert.config.reload-ms}, see {@link DutyConfig})
 * @param httpTls            TLS of the API and board ({@value #HTTP_TLS}{@code cert-file}, {@value #HTTP_TLS}{@code key-file},
 *                           PEM); null: plain HTTP. With it the default {@code alert.board.public-url} is https://
 * @param kafkaAuth          the service's Kafka principal ({@value KafkaClientAuth#KEY}, default the file
 *                           {@value KafkaClientAuth#ENV} names; none: plaintext)
 * @param boardLogin         the board's session key and login throttle ({@code alert.board.session-secret},
 *                           {@code login.throttle-*}, see {@link BoardLoginConfig}; issue 16)
 */
public record AlertServiceConfig(String kafkaBootstrap, String alarmsTopic, String incidentStateTopic,
                                 String incidentEventTopic, Path registryFile, Path usersFile, Path policyFile,
                                 String httpHost, int httpPort, Duration tick, Duration notifyTimeout,
                                 Map<String, Channel> httpChannels, Duration retention, NotifierConfig notifiers,
                                 String influxUrl, String influxDatabase, IncidentLimits limits,
                                 String deadLetterTopic, WatchdogConfig watchdog, CommitmentConfig commitments,
                                 FeedbackConfig feedback, AckLinkConfig ackLinks, ReportConfig reports,
                                 DutyConfig duty, HttpTls httpTls, KafkaClientAuth kafkaAuth,
                                 BoardLoginConfig boardLogin) {

    /** Plain HTTP, the board login defaults, and the Kafka client properties file {@value KafkaClientAuth#ENV} names. */
    public AlertServiceConfig(String kafkaBootstrap, String alarmsTopic, String incidentStateTopic,
                              String incidentEventTopic, Path registryFile, Path usersFile, Path policyFile,
                              String httpHost, int httpPort, Duration tick, Duration notifyTimeout,
                              Map<String, Channel> httpChannels, Duration retention, NotifierConfig notifiers,
                              String influxUrl, String influxDatabase, IncidentLimits limits,
                              String deadLetterTopic, WatchdogConfig watchdog, CommitmentConfig commitments,
                              FeedbackConfig feedback, AckLinkConfig ackLinks, ReportConfig reports, DutyConfig duty) {
        this(kafkaBootstrap, alarmsTopic, incidentStateTopic, incidentEventTopic, registryFile, usersFile, policyFile,
                httpHost, httpPort, tick, notifyTimeout, httpChannels, retention, notifiers, influxUrl, influxDatabase,
                limits, deadLetterTopic, watchdog, commitments, feedback, ackLinks, reports, duty, null,
                KafkaClientAuth.fromEnvironment(), BoardLoginConfig.defaults());
    }

    /**
     * Without the settings of issue 21's parts: acknowledge links (a random secret, 24 h), duty reports (defaults), duty
     * roster (none, files looked at every 5 s); plain HTTP.
     */
    public AlertServiceConfig(String kafkaBootstrap, String alarmsTopic, String incidentStateTopic,
                              String incidentEventTopic, Path registryFile, Path usersFile, Path policyFile,
                              String httpHost, int httpPort, Duration tick, Duration notifyTimeout,
                              Map<String, Channel> httpChannels, Duration retention, NotifierConfig notifiers,
                              String influxUrl, String influxDatabase, IncidentLimits limits,
                              String deadLetterTopic, WatchdogConfig watchdog, CommitmentConfig commitments,
                              FeedbackConfig feedback) {
        this(kafkaBootstrap, alarmsTopic, incidentStateTopic, incidentEventTopic, registryFile, usersFile, policyFile,
                httpHost, httpPort, tick, notifyTimeout, httpChannels, retention, notifiers, influxUrl, influxDatabase,
                limits, deadLetterTopic, watchdog, commitments, feedback, AckLinkConfig.defaults(), ReportConfig.DEFAULTS,
                DutyConfig.DEFAULTS);
    }

    /** Without the commitment and feedback settings (their defaults). */
    public AlertServiceConfig(String kafkaBootstrap, String alarmsTopic, String incidentStateTopic,
                              String incidentEventTopic, Path registryFile, Path usersFile, Path policyFile,
                              String httpHost, int httpPort, Duration tick, Duration notifyTimeout,
                              Map<String, Channel> httpChannels, Duration retention, NotifierConfig notifiers,
                              String influxUrl, String influxDatabase, IncidentLimits limits,
                              String deadLetterTopic, WatchdogConfig watchdog) {
        this(kafkaBootstrap, alarmsTopic, incidentStateTopic, incidentEventTopic, registryFile, usersFile, policyFile,
                httpHost, httpPort, tick, notifyTimeout, httpChannels, retention, notifiers, influxUrl, influxDatabase,
                limits, deadLetterTopic, watchdog, CommitmentConfig.DEFAULTS, FeedbackConfig.defaults(httpHost, httpPort));
    }

    /** Without the incident limits, the dead-letter topic and the watchdog's settings (their defaults). */
    public AlertServiceConfig(String kafkaBootstrap, String alarmsTopic, String incidentStateTopic,
                              String incidentEventTopic, Path registryFile, Path usersFile, Path policyFile,
                              String httpHost, int httpPort, Duration tick, Duration notifyTimeout,
                              Map<String, Channel> httpChannels, Duration retention, NotifierConfig notifiers,
                              String influxUrl, String influxDatabase) {
        this(kafkaBootstrap, alarmsTopic, incidentStateTopic, incidentEventTopic, registryFile, usersFile, policyFile,
                httpHost, httpPort, tick, notifyTimeout, httpChannels, retention, notifiers, influxUrl, influxDatabase,
                IncidentLimits.DEFAULTS, Topics.DEAD_LETTER, WatchdogConfig.defaults());
    }

    /** Without the board's InfluxDB settings (their defaults). */
    public AlertServiceConfig(String kafkaBootstrap, String alarmsTopic, String incidentStateTopic,
                              String incidentEventTopic, Path registryFile, Path usersFile, Path policyFile,
                              String httpHost, int httpPort, Duration tick, Duration notifyTimeout,
                              Map<String, Channel> httpChannels, Duration retention, NotifierConfig notifiers) {
        this(kafkaBootstrap, alarmsTopic, incidentStateTopic, incidentEventTopic, registryFile, usersFile, policyFile,
                httpHost, httpPort, tick, notifyTimeout, httpChannels, retention, notifiers, DEFAULT_INFLUX_URL,
                DEFAULT_INFLUX_DATABASE);
    }

    /** A generic HTTP webhook channel; {@code secret} null = unsigned. Never logged. */
    public record Channel(String url, String secret) {
        @Override
        public String toString() {
            return "Channel[url=" + url + (secret == null ? "" : ", signed") + "]";
        }
    }

    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
    public static final String TOPIC_ALARMS = "topic.alarms";
    public static final String TOPIC_INCIDENT_STATE = "topic.incident-state";
    public static final String TOPIC_INCIDENT_EVENTS = "topic.incident-events";
    /** The gateway's refused messages, counted per enterprise for the board. */
    public static final String TOPIC_DEAD_LETTER = "topic.deadletter";
    public static final String REGISTRY_FILE = "registry.file";
    public static final String USERS_FILE = "alert.users.file";
    public static final String POLICY_FILE = "alert.policy.file";
    public static final String HTTP_HOST = "alert.http.host";
    public static final String HTTP_PORT = "alert.http.port";
    /** Prefix of the API's TLS keys: {@code cert-file}, {@code key-file}. */
    public static final String HTTP_TLS = "alert.http.tls.";
    public static final String TICK_MS = "alert.tick-ms";
    public static final String NOTIFY_TIMEOUT_MS = "alert.notify.timeout-ms";
    public static final String NOTIFY_CHANNELS = "alert.notify.channels";
    public static final String INFLUX_URL = "influx.url";
    public static final String INFLUX_DATABASE = "influx.database";
    public static final String RETENTION_DAYS = "alert.retention-days";
    /** Closed incidents are kept at least this long (MEM Order No. 40: records of major hazard sources ≥ 30 days). */
    public static final int MIN_RETENTION_DAYS = 30;

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_REGISTRY = "deploy/config/registry.yaml";
    public static final String DEFAULT_USERS = "deploy/config/users.yaml";
    public static final String DEFAULT_POLICY = "deploy/config/alerting.yaml";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_INFLUX_URL = "http://127.0.0.1:8086";
    public static final String DEFAULT_INFLUX_DATABASE = "hazardwatch";

    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}");
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST = Pattern.compile("[^\\s/:]+");
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*)?");
    /** Spliced into InfluxQL and URLs: a plain identifier only. */
    private static final Pattern INFLUX_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    public static AlertServiceConfig from(Settings settings) {
        HttpTls tls = HttpTls.from(settings, HTTP_TLS);
        FeedbackConfig feedback = FeedbackConfig.from(settings, settings.string(HTTP_HOST, DEFAULT_HOST),
                settings.port(HTTP_PORT, DEFAULT_PORT));
        if (tls != null && settings.string(FeedbackConfig.PUBLIC_URL, "").isEmpty()) {
            // the default address of the board in messages must be the one that answers: https
            feedback = new FeedbackConfig(feedback.attachmentsDir(), feedback.attachmentMaxBytes(),
                    feedback.attachmentsPerIncident(), "https" + feedback.publicUrl().substring("http".length()),
                    feedback.sessionIdle());
        }
        AlertServiceConfig config = new AlertServiceConfig(
                bootstrap(settings.string(KAFKA_BOOTSTRAP, DEFAULT_BOOTSTRAP)),
                topic(settings, TOPIC_ALARMS, Topics.ALARMS),
                topic(settings, TOPIC_INCIDENT_STATE, Topics.INCIDENT_STATE),
                topic(settings, TOPIC_INCIDENT_EVENTS, Topics.INCIDENT_EVENTS),
                settings.existingFile(REGISTRY_FILE, DEFAULT_REGISTRY),
                settings.existingFile(USERS_FILE, DEFAULT_USERS),
                settings.existingFile(POLICY_FILE, DEFAULT_POLICY),
                matching(HTTP_HOST, settings.string(HTTP_HOST, DEFAULT_HOST), HOST, "is not a host name or address"),
                settings.port(HTTP_PORT, DEFAULT_PORT),
                Duration.ofMillis(settings.integer(TICK_MS, 1000, 20, 60_000)),
                Duration.ofMillis(settings.integer(NOTIFY_TIMEOUT_MS, 30_000, 100, 600_000)),
                channels(settings),
                Duration.ofDays(settings.integer(RETENTION_DAYS, MIN_RETENTION_DAYS, MIN_RETENTION_DAYS, 36_500)),
                NotifierConfig.load(settings),
                matching(INFLUX_URL, settings.string(INFLUX_URL, DEFAULT_INFLUX_URL), HTTP_URL,
                        "is not an http:// or https:// URL"),
                matching(INFLUX_DATABASE, settings.string(INFLUX_DATABASE, DEFAULT_INFLUX_DATABASE), INFLUX_NAME,
                        "is not a plain identifier (letters, digits, _)"),
                IncidentLimits.from(settings),
                topic(settings, TOPIC_DEAD_LETTER, Topics.DEAD_LETTER),
                WatchdogConfig.from(settings),
                CommitmentConfig.from(settings),
                feedback, AckLinkConfig.defaults(), ReportConfig.from(settings), DutyConfig.from(settings), tls,
                KafkaClientAuth.from(settings), BoardLoginConfig.from(settings, feedback.publicUrl()));
        config = config.withAckLinks(AckLinkConfig.from(settings, config.feedback().publicUrl()));
        Duration failover = config.notifiers().smsWorstCase();
        if (config.notifiers().smsProviders().size() > 1 && config.notifyTimeout().compareTo(failover) <= 0) {
            throw new ConfigException(NOTIFY_TIMEOUT_MS + ": " + config.notifyTimeout().toMillis() + " ms leaves no time"
                    + " to try the SMS providers " + config.notifiers().smsProviders() + " one after the other ("
                    + failover.toMillis() + " ms with notify.timeout-seconds each); set it above " + failover.toMillis());
        }
        return config;
    }

    /** A copy listening on another port (tests start the service on port 0). */
    public AlertServiceConfig withHttpPort(int port) {
        return new AlertServiceConfig(kafkaBootstrap, alarmsTopic, incidentStateTopic, incidentEventTopic, registryFile,
                usersFile, policyFile, httpHost, port, tick, notifyTimeout, httpChannels, retention, notifiers,
                influxUrl, influxDatabase, limits, deadLetterTopic, watchdog, commitments, feedback, ackLinks, reports, duty,
                httpTls, kafkaAuth, boardLogin);
    }

    /** A copy reading and writing another InfluxDB (a standby's rehearsal: a sink of its own). */
    public AlertServiceConfig withInfluxUrl(String url) {
        return new AlertServiceConfig(kafkaBootstrap, alarmsTopic, incidentStateTopic, incidentEventTopic, registryFile,
                usersFile, policyFile, httpHost, httpPort, tick, notifyTimeout, httpChannels, retention, notifiers,
                url, influxDatabase, limits, deadLetterTopic, watchdog, commitments, feedback, ackLinks, reports, duty,
                httpTls, kafkaAuth, boardLogin);
    }

    /** A copy with other acknowledge-link settings. */
    public AlertServiceConfig withAckLinks(AckLinkConfig links) {
        return new AlertServiceConfig(kafkaBootstrap, alarmsTopic, incidentStateTopic, incidentEventTopic, registryFile,
                usersFile, policyFile, httpHost, httpPort, tick, notifyTimeout, httpChannels, retention, notifiers,
                influxUrl, influxDatabase, limits, deadLetterTopic, watchdog, commitments, feedback, links, reports, duty,
                httpTls, kafkaAuth, boardLogin);
    }

    private static Map<String, Channel> channels(Settings settings) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        for (String raw : settings.string(NOTIFY_CHANNELS, "").split(",")) {
            String channel = raw.trim();
            if (channel.isEmpty()) {
                continue;
            }
            matching(NOTIFY_CHANNELS, channel, CHANNEL, "is not a channel name (a-z, 0-9, _ -)");
            String urlKey = "alert.notify." + channel + ".url";
            String url = settings.string(urlKey);
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new ConfigException(urlKey + ": must be an http:// or https:// URL");
            }
            String secret = settings.string("alert.notify." + channel + ".secret", "");
            channels.put(channel, new Channel(url, secret.isEmpty() ? null : secret));
        }
        return Map.copyOf(channels);
    }

    private static String topic(Settings settings, String key, String defaultValue) {
        return matching(key, settings.string(key, defaultValue), TOPIC, "is not a valid Kafka topic name");
    }

    private static String bootstrap(String value) {
        for (String server : value.split(",")) {
            String entry = server.trim();
            if (!HOST_PORT.matcher(entry).matches()) {
                throw new ConfigException(KAFKA_BOOTSTRAP + ": '" + value + "' is not a list of host:port");
            }
            int port = Integer.parseInt(entry.substring(entry.lastIndexOf(':') + 1));
            if (port < 1 || port > 65535) {
                throw new ConfigException(KAFKA_BOOTSTRAP + ": port " + port + " in '" + value + "' is out of range");
            }
        }
        return value;
    }

    private static String matching(String key, String value, Pattern pattern, String problem) {
        if (!pattern.matcher(value).matches()) {
            throw new ConfigException(key + ": '" + value + "' " + problem);
        }
        return value;
    }
}
