package io.hazardwatch.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Header names on dead-letter records. The record value is the payload exactly as received (for a reading refused
 * alone from a batch: that reading's JSON object).
 */
public final class DeadLetter {
    /** Machine-readable reason, e.g. PAYLOAD_INVALID, NOT_AUTHORIZED. */
    public static final String REASON = "reason";
    /** Human-readable detail naming the offending field. */
    public static final String DETAIL = "detail";
    public static final String MQTT_TOPIC = "mqtt-topic";
    public static final String CLIENT_ID = "client-id";
    /** Enterprise the client authenticated as (not what the topic claimed). */
    public static final String ENTERPRISE = "enterprise";
    public static final String RECEIVED_AT = "received-at";

    /** What the headers of one dead-letter record say; any of them may be missing (null). */
    public record Headers(Instant receivedAt, String enterprise, String reason, String detail, String mqttTopic,
                          String clientId) {

        /**
         * Reads them with {@code header} (name to UTF-8 value, or null); {@code recordTime} (the broker's) stands in
         * for a missing or unreadable {@link #RECEIVED_AT}.
         */
        public static Headers read(Function<String, String> header, Instant recordTime) {
            Instant at = recordTime;
            String receivedAt = header.apply(RECEIVED_AT);
            if (receivedAt != null) {
                try {
                    at = Instant.parse(receivedAt);
                } catch (DateTimeParseException e) {
                    // the broker's time is close enough
                }
            }
            return new Headers(at, header.apply(ENTERPRISE), header.apply(REASON), header.apply(DETAIL),
                    header.apply(MQTT_TOPIC), header.apply(CLIENT_ID));
        }
    }

    private DeadLetter() {
    }
}
