package io.hazardwatch.alerts.config;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Everything the alert service needs to start, read once and validated: a bad value stops startup with a
 * {@link ConfigException} that names the key. Each key may be overridden by its {@code HW_*} environment
 * variable (see {@link Settings}).
 *
 * @param kafkaBootstrap {@value #KAFKA_BOOTSTRAP}: Kafka bootstrap servers, default {@value #DEFAULT_BOOTSTRAP}
 * @param alarmsTopic    {@value #TOPIC_ALARMS}: topic of the detection job's alarm transitions, default {@link Topics#ALARMS}
 * @param registryFile   {@value #REGISTRY_FILE}: registry (for grid cells), default {@value #DEFAULT_REGISTRY}
 * @param httpHost       {@value #HTTP_HOST}: address the board is served on, default {@value #DEFAULT_HOST}
 * @param httpPort       {@value #HTTP_PORT}: its port, default {@value #DEFAULT_PORT}; 0 = any free port
 */
public record AlertServiceConfig(String kafkaBootstrap, String alarmsTopic, Path registryFile, String httpHost,
                                 int httpPort) {

    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
    public static final String TOPIC_ALARMS = "topic.alarms";
    public static final String REGISTRY_FILE = "registry.file";
    public static final String HTTP_HOST = "alert.http.host";
    public static final String HTTP_PORT = "alert.http.port";

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_REGISTRY = "deploy/config/registry.yaml";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}");
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST = Pattern.compile("[^\\s/:]+");

    public static AlertServiceConfig from(Settings settings) {
        return new AlertServiceConfig(
                bootstrap(settings.string(KAFKA_BOOTSTRAP, DEFAULT_BOOTSTRAP)),
                matching(TOPIC_ALARMS, settings.string(TOPIC_ALARMS, Topics.ALARMS), TOPIC,
                        "is not a valid Kafka topic name"),
                settings.existingFile(REGISTRY_FILE, DEFAULT_REGISTRY),
                matching(HTTP_HOST, settings.string(HTTP_HOST, DEFAULT_HOST), HOST, "is not a host name or address"),
                settings.port(HTTP_PORT, DEFAULT_PORT));
    }

    /** A copy listening on another port (tests start the service on port 0). */
    public AlertServiceConfig withHttpPort(int port) {
        return new AlertServiceConfig(kafkaBootstrap, alarmsTopic, registryFile, httpHost, port);
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
