package io.hazardwatch.ingest.validation;

/**
 * Why a message was refused. The name is what operators see in the dead-letter topic's {@code reason} header, the
 * error topic, metrics and the log; each edge says it in its protocol's terms (MQTT 5: {@code mqtt.PubAckCodes};
 * HTTP: the status {@code http.HttpApi} answers).
 */
public enum RefusalReason {
    /** Topic is not hazardwatch/v1/{enterprise}/{device}/readings. */
    TOPIC_INVALID,
    /** The client published for an enterprise or device it may not publish for. */
    NOT_AUTHORIZED,
    /** Payload is not a valid reading message (JSON, fields, units, ranges, times, size). */
    PAYLOAD_INVALID,
    /** The sensor is not registered on that device. */
    UNKNOWN_SENSOR,
    /** The enterprise is over its messages-per-second limit. */
    QUOTA_EXCEEDED
}
