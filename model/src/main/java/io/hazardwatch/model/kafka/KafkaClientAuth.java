package io.hazardwatch.model.kafka;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Kafka client of ours proves who it is: the settings of a Kafka client properties file
 * ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}), added to every producer, consumer,
 * admin client and Flink source or sink. The one-machine stack writes one such file per principal under
 * {@code $HW_STATE/secrets/} (deploy/infra.sh). No file: plaintext, as a broker without authentication wants.
 * <p>
 * The file is named by {@value #KEY} in a service's config, by default by the environment variable {@value #ENV}.
 * A file that is named but cannot be read stops startup with a message naming the key. {@link #toString()} never
 * shows the password.
 */
public final class KafkaClientAuth implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The config key naming the client properties file. */
    public static final String KEY = "kafka.client-properties-file";
    /** The environment variable naming it where a service's config does not. */
    public static final String ENV = "HW_KAFKA_CLIENT_PROPERTIES";

    /** The value of {@value #KEY} for a broker without authentication, whatever {@value #ENV} says. */
    public static final String PLAINTEXT = "none";

    private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
    private static final KafkaClientAuth NONE = new KafkaClientAuth(Map.of(), null);

    private final Map<String, String> settings;
    private final String source;

    private KafkaClientAuth(Map<String, String> settings, String source) {
        this.settings = settings;
        this.source = source;
    }

    /** No authentication: a PLAINTEXT broker. */
    public static KafkaClientAuth none() {
        return NONE;
    }

    /**
     * The file {@value #KEY} names in {@code settings}, else the one {@value #ENV} names, else none; {@value #KEY}
     * = {@value #PLAINTEXT} means none whatever the environment says.
     */
    public static KafkaClientAuth from(Settings settings) {
        String file = settings.string(KEY, envOrBlank());
        return file.isBlank() || file.equals(PLAINTEXT) ? NONE : load(Path.of(file), KEY);
    }

    /** The file {@value #ENV} names, else none: for command-line tools and tests. */
    public static KafkaClientAuth fromEnvironment() {
        String file = envOrBlank();
        return file.isBlank() ? NONE : load(Path.of(file), ENV);
    }

    /** Reads a client properties file; {@code key} is what named it, for the error message. */
    public static KafkaClientAuth load(Path file, String key) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read Kafka client properties file " + file.toAbsolutePath()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> settings = new TreeMap<>();
        props.stringPropertyNames().forEach(name -> settings.put(name, props.getProperty(name).trim()));
        if (!settings.containsKey("security.protocol")) {
            throw new ConfigException(key + ": " + file.toAbsolutePath() + " sets no security.protocol");
        }
        if (settings.containsKey("sasl.mechanism") && !settings.containsKey("sasl.jaas.config")) {
            throw new ConfigException(key + ": " + file.toAbsolutePath() + " sets sasl.mechanism but no sasl.jaas.config");
        }
        return new KafkaClientAuth(Map.copyOf(settings), file.toAbsolutePath().toString());
    }

    /** Adds the client security settings to {@code config} (a client's properties or config map) and returns it. */
    public <M extends Map<? super String, ? super String>> M addTo(M config) {
        config.putAll(settings);
        return config;
    }

    /** The settings the file holds (unmodifiable). */
    public Map<String, String> settings() {
        return settings;
    }

    public boolean enabled() {
        return !settings.isEmpty();
    }

    /** The user name in the JAAS line, or null: what a log line may say. */
    public String principal() {
        Matcher m = USERNAME.matcher(settings.getOrDefault("sasl.jaas.config", ""));
        return m.find() ? m.group(1) : null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaClientAuth auth && auth.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    /** For log lines: protocol, mechanism and user, never the password. */
    @Override
    public String toString() {
        if (!enabled()) {
            return "plaintext (no " + KEY + ")";
        }
        return settings.get("security.protocol")
                + (settings.containsKey("sasl.mechanism") ? " " + settings.get("sasl.mechanism") : "")
                + (principal() != null ? " as " + principal() : "") + " (" + source + ")";
    }

    private static String envOrBlank() {
        String value = System.getenv(ENV);
        return value == null ? "" : value.trim();
    }
}
