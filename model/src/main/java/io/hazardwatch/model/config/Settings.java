package io.hazardwatch.model.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Raw settings for a service's typed config record: a properties file, overridden by environment
 * variables ({@code kafka.bootstrap} ← {@code HW_KAFKA_BOOTSTRAP}). Every getter names the key when a
 * value is missing or malformed, so a bad config stops startup with a message a person can act on.
 */
public final class Settings {

    private final Properties file;
    private final Map<String, String> env;
    private final String source;

    private Settings(Properties file, Map<String, String> env, String source) {
        this.file = file;
        this.env = env;
        this.source = source;
    }

    /** Loads {@code file} (if not null) and overlays the process environment. */
    public static Settings load(Path file) {
        return load(file, System.getenv());
    }

    public static Settings load(Path file, Map<String, String> env) {
        Properties props = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            } catch (IOException e) {
                throw new ConfigException("config file " + file + ": cannot read: " + e.getMessage());
            }
        }
        return new Settings(props, env, file == null ? "environment" : file.toString());
    }

    public static Settings of(Map<String, String> values) {
        Properties props = new Properties();
        props.putAll(values);
        return new Settings(props, Map.of(), "inline settings");
    }

    public static String envName(String key) {
        return "HW_" + key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    public String string(String key, String defaultValue) {
        String value = env.get(envName(key));
        if (value == null) {
            value = file.getProperty(key);
        }
        if (value == null || value.isBlank()) {
            if (defaultValue == null) {
                throw new ConfigException(key + ": required (set it in " + source + " or " + envName(key) + ")");
            }
            return defaultValue;
        }
        return value.trim();
    }

    public String string(String key) {
        return string(key, null);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        String raw = string(key, Integer.toString(defaultValue));
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new ConfigException(key + ": " + value + " is out of range [" + min + ", " + max + "]");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + raw + "' is not an integer");
        }
    }

    public int port(String key, int defaultValue) {
        return integer(key, defaultValue, 0, 65535);
    }

    public Path path(String key, String defaultValue) {
        return Path.of(string(key, defaultValue));
    }

    public Path existingFile(String key, String defaultValue) {
        Path path = path(key, defaultValue);
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(key + ": file " + path.toAbsolutePath() + " does not exist");
        }
        return path;
    }
}
