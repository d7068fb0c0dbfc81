package io.hazardwatch.notify.config;

import java.util.Objects;

/**
 * A credential (secret key, auth token, robot key). Its {@code toString} never shows the value, so a
 * config record holding it can be logged; code that signs a request calls {@link #reveal()}.
 */
public final class Secret {

    private static final String MASK = "******";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Masks this secret wherever it occurs in {@code text} (e.g. a provider's error message echoing it). */
    public String redactFrom(String text) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        return text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
