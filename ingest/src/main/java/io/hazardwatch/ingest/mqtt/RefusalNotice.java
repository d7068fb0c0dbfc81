package io.hazardwatch.ingest.mqtt;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hazardwatch.ingest.validation.Refusal;
import io.hazardwatch.ingest.validation.RefusalReason;
import io.hazardwatch.ingest.validation.Verdict;
import java.time.Instant;

/**
 * What an MQTT client is told about a refused message, published on its device's error topic
 * ({@code hazardwatch/v1/{enterprise}/{device}/errors}). HTTP answers the same facts in the shape every HazardWatch
 * HTTP API uses ({@link io.hazardwatch.model.ApiError}); this one stays as MQTT 3.1.1 device software reads it today
 * and carries what only MQTT has (the packet id).
 *
 * @param reason     {@link RefusalReason} name, e.g. PAYLOAD_INVALID
 * @param code       the MQTT 5 reason code of that reason (0x99 = 153, …)
 * @param detail     names the offending field or value
 * @param topic      the topic the message was sent to
 * @param messageId  the MQTT packet id of a QoS 1 message; absent for QoS 0
 * @param receivedAt when the gateway received it
 * @param index      for one reading of a batch refused alone: its index in the batch's {@code readings} array (the
 *                   rest of the batch was stored); absent when the whole message was refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RefusalNotice(String reason, int code, String detail, String topic, Integer messageId, Instant receivedAt,
                            Integer index) {

    static RefusalNotice of(Refusal refusal, String topic, Integer messageId, Instant receivedAt) {
        return new RefusalNotice(refusal.reason().name(), PubAckCodes.number(refusal.reason()), refusal.detail(),
                topic, messageId, receivedAt, null);
    }

    /** A reading of a batch refused alone. */
    static RefusalNotice of(Verdict.RefusedReading refused, String topic, Integer messageId, Instant receivedAt) {
        Refusal refusal = refused.refusal();
        return new RefusalNotice(refusal.reason().name(), PubAckCodes.number(refusal.reason()), refusal.detail(),
                topic, messageId, receivedAt, refused.index());
    }
}
