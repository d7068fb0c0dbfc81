package io.hazardwatch.alerts.incident;

/** A text longer than its limit (the API answers 413, naming the limit). */
public final class TextTooLongException extends IllegalArgumentException {

    public TextTooLongException(String what, int length, int limit) {
        super(what + " has " + length + " characters; at most " + limit + " are allowed");
    }
}
