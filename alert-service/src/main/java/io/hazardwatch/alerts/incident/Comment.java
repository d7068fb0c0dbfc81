package io.hazardwatch.alerts.incident;

import java.time.Instant;

public record Comment(String by, Instant at, String text) {

    /**
     * Checks a comment's text before it is applied: required, at most {@code maxChars} characters, no control
     * characters but line breaks and tabs (each would take six bytes of JSON, which the state record's bound
     * does not allow for).
     *
     * @throws TextTooLongException     when longer than {@code maxChars}
     * @throws IllegalArgumentException when blank or with control characters
     */
    public static void check(String text, int maxChars) {
        check(text, maxChars, "comment text");
    }

    /** As {@link #check(String, int)} for another text kept in the state record ({@code field} names it). */
    public static void check(String text, int maxChars, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (text.length() > maxChars) {
            throw new TextTooLongException(field, text.length(), maxChars);
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw new IllegalArgumentException(field + ": control characters other than line breaks and tabs are not allowed");
        }
    }
}
