package io.hazardwatch.notify;

/** A provider accepted a message; {@code providerId} is its message or request id, for tracing. */
public record Delivery(String channel, String providerId) {
}
