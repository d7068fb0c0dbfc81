package io.hazardwatch.alerts.store;

/** A change was not stored (given up, or not committed within the wait a caller allows): says why, for people. */
public final class NotStoredException extends RuntimeException {

    public NotStoredException(String message) {
        super(message, null, false, false);
    }
}
