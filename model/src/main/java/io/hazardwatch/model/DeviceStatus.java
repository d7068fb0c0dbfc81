package io.hazardwatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A device went online or offline, as the ingest gateway saw it; on {@link Topics#DEVICE_STATUS}, key
 * {@code enterprise/device} ({@link #address()}). OFFLINE comes from the device's MQTT will: the connection was lost without a
 * DISCONNECT (network failure, keepalive timeout, gateway-side close).
 *
 * @param clientId the MQTT client id of the connection
 * @param reason   why, for people on duty, e.g. "connection lost (will message)"
 * @param time     when the gateway saw it
 */
public record DeviceStatus(int schema, String enterprise, String device, State state, String clientId, String reason,
                           Instant time) {

    public static final int SCHEMA = 1;

    public enum State { ONLINE, OFFLINE }

    public DeviceStatus {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(time, "time");
    }

    /** The device; its string form is the Kafka record key. */
    public DeviceAddress address() {
        return new DeviceAddress(enterprise, device);
    }
}
