package io.hazardwatch.model;

/** Header names on dead-letter records. The record value is the payload exactly as received. */
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

    private DeadLetter() {
    }
}
