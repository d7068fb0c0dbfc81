package io.hazardwatch.alerts.store;

/** This instance may no longer write the store (another instance took over, or it is closed): stop writing. */
public final class StoreFencedException extends RuntimeException {

    public StoreFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
