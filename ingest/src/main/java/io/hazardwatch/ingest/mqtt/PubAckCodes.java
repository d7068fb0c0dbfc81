package io.hazardwatch.ingest.mqtt;

import io.hazardwatch.ingest.validation.RefusalReason;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;

/**
 * The MQTT 5 PUBACK reason code of each refusal reason: the MQTT edge's word for a refusal, also the {@code code} of
 * the error-topic notice and, so that both transports name a refusal alike, of the HTTP error body.
 */
public final class PubAckCodes {

    private PubAckCodes() {
    }

    public static MqttPubAckReasonCode of(RefusalReason reason) {
        return switch (reason) {
            case TOPIC_INVALID -> MqttPubAckReasonCode.TOPIC_NAME_INVALID; // 0x90
            case NOT_AUTHORIZED -> MqttPubAckReasonCode.NOT_AUTHORIZED; // 0x87
            case PAYLOAD_INVALID, UNKNOWN_SENSOR -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID; // 0x99
            case QUOTA_EXCEEDED -> MqttPubAckReasonCode.QUOTA_EXCEEDED; // 0x97
        };
    }

    /** The code as a number, as the JSON notices carry it (0x99 = 153). */
    public static int number(RefusalReason reason) {
        return of(reason).value() & 0xFF;
    }
}
