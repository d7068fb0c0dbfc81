package io.hazardwatch.alerts.incident;

/** A command that the incident's current state does not allow (e.g. closing an alarm that is still active). */
public final class LifecycleException extends RuntimeException {

    public LifecycleException(String message) {
        super(message);
    }
}
