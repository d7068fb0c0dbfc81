package io.hazardwatch.notify.config;

import java.time.Duration;
import java.util.Objects;

/** What every provider's config record settles alike: its base URL (no trailing slash) and its timeout. */
public final class ProviderSettings {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private ProviderSettings() {
    }

    /** The endpoint without a trailing slash, so that paths are appended as {@code endpoint + "/…"}. */
    public static String baseUrl(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /** The timeout of one call to the provider: the one given, else {@link #DEFAULT_TIMEOUT}. */
    public static Duration timeout(Duration timeout) {
        return timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
}
