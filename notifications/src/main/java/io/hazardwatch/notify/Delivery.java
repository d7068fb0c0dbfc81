package io.hazardwatch.notify;

import java.time.Instant;

/**
 * A provider accepted a message; {@code providerId} is its message or request id, for tracing; {@code sentAt} the
 * send time the message itself carries (e.g. a CAP alert's {@code <sent>}, which later messages reference), or null
 * when the message carries none.
 */
public record Delivery(String channel, String providerId, Instant sentAt) {

    public Delivery(String channel, String providerId) {
        this(channel, providerId, null);
    }
}
