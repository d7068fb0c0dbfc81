package io.hazardwatch.model.registry;

/** The registry file is unreadable or inconsistent; the message names the offending field. */
public class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
