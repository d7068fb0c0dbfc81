package io.hazardwatch.ingest.validation;

/**
 * Why a message was refused, with the MQTT 5 PUBACK reason code it maps to. The name is what operators
 * see in the dead-letter topic's {@code reason} header and in the log.
 */
public enum RejectReason {
    /** Topic is not hazardwatch/v1/{enterprise}/{device}/readings. */
    TOPIC_INVALID(0x90),
    /** The client published for an enterprise or device it does not own. */
    NOT_AUTHORIZED(0x87),
    /** Payload is not a valid reading message (JSON, fields, units, ranges, times, size). */
    PAYLOAD_INVALID(0x99),
    /** The sensor is not registered on that device. */
    UNKNOWN_SENSOR(0x99);

    private final int mqttReasonCode;

    RejectReason(int mqttReasonCode) {
        this.mqttReasonCode = mqttReasonCode;
    }

    public int mqttReasonCode() {
        return mqttReasonCode;
    }
}
