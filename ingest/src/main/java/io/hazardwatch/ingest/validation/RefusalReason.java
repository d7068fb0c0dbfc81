package io.hazardwatch.ingest.validation;

/**
 * Why a message was refused, with the MQTT 5 PUBACK reason code and the HTTP status it maps to. The name is
 * what operators see in the dead-letter topic's {@code reason} header, the error topic, metrics and the log.
 */
public enum RefusalReason {
    /** Topic is not hazardwatch/v1/{enterprise}/{device}/readings. */
    TOPIC_INVALID(0x90, 404),
    /** The client published for an enterprise or device it may not publish for. */
    NOT_AUTHORIZED(0x87, 403),
    /** Payload is not a valid reading message (JSON, fields, units, ranges, times, size). */
    PAYLOAD_INVALID(0x99, 400),
    /** The sensor is not registered on that device. */
    UNKNOWN_SENSOR(0x99, 422),
    /** The enterprise is over its messages-per-second limit. */
    QUOTA_EXCEEDED(0x97, 429);

    private final int mqttReasonCode;
    private final int httpStatus;

    RefusalReason(int mqttReasonCode, int httpStatus) {
        this.mqttReasonCode = mqttReasonCode;
        this.httpStatus = httpStatus;
    }

    public int mqttReasonCode() {
        return mqttReasonCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
