package io.hazardwatch.ingest.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What a client is told about a refused message: published on its device's error topic
 * ({@code hazardwatch/v1/{enterprise}/{device}/errors}) and returned as the HTTP error body.
 *
 * @param reason     {@link RefusalReason} name, e.g. PAYLOAD_INVALID
 * @param code       the MQTT 5 reason code of that reason (0x99 = 153, …)
 * @param detail     names the offending field or value
 * @param topic      the topic (MQTT) or path (HTTP) the message was sent to
 * @param messageId  the MQTT packet id of a QoS 1 message; absent for QoS 0 and HTTP
 * @param receivedAt when the gateway received it
 * @param index      for one reading of a batch refused alone: its index in the batch's {@code readings} array (the
 *                   rest of the batch was stored); absent when the whole message was refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefusalNotice(String reason, int code, String detail, String topic, Integer messageId, Instant receivedAt,
                            Integer index) {

    public static RefusalNotice of(Refusal refusal, String topic, Integer messageId, Instant receivedAt) {
        return new RefusalNotice(refusal.reason().name(), refusal.reason().mqttReasonCode(), refusal.detail(),
                topic, messageId, receivedAt, null);
    }

    /** A reading of a batch refused alone. */
    public static RefusalNotice of(Verdict.RefusedReading refused, String topic, Integer messageId, Instant receivedAt) {
        Refusal refusal = refused.refusal();
        return new RefusalNotice(refusal.reason().name(), refusal.reason().mqttReasonCode(), refusal.detail(),
                topic, messageId, receivedAt, refused.index());
    }
}
