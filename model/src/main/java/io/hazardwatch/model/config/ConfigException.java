package io.hazardwatch.model.config;

/** A configuration value is missing or wrong; the message starts with the key. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
