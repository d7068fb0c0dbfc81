package io.hazardwatch.alerts.store;

/**
 * The store could not be written just now (broker away, a timeout, an aborted transaction): nothing of the
 * batch is visible, and the same batch may well succeed later.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
