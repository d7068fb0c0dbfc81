package io.hazardwatch.model;

import java.util.regex.Pattern;

/**
 * Whether a request's address can be decoded: a '%' must be followed by two hex digits. Both HTTP services refuse
 * such an address with 400 before any route decodes a path parameter (Vert.x would fail it as an unhandled
 * exception, a 500 and an ERROR line, for what is the client's mistake).
 */
public final class UriEscapes {

    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private UriEscapes() {
    }

    /** True when {@code uri} has a '%' not followed by two hex digits. */
    public static boolean malformed(String uri) {
        return uri != null && BAD_ESCAPE.matcher(uri).find();
    }
}
