package io.hazardwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The one JSON shape of an error answered by a HazardWatch HTTP API (the alert service's and the ingest gateway's):
 * {@code {"error": "<code>", "message": "<for people>"}}, plus, for the gateway's refusal of a message, where and
 * when it was received. The optional fields are left out when absent.
 *
 * @param error      a machine-readable code: the alert service's ({@code not_found}, {@code forbidden}, …) or the
 *                   gateway's refusal reason ({@code PAYLOAD_INVALID}, {@code NOT_AUTHENTICATED}, …)
 * @param message    for people: what was wrong; for a refused message it names the offending field or value
 * @param code       for a refused message: the MQTT 5 reason code of the same refusal (0x99 = 153, …)
 * @param topic      for a refused message: the readings topic it was sent to (for HTTP, the path)
 * @param receivedAt for a refused message: when the gateway received it
 * @param index      for one reading of a batch refused alone: its index in the batch's {@code readings} array
 */
public record ApiError(
        String error,
        String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer code,
        @JsonInclude(JsonInclude.Include.NON_NULL) String topic,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant receivedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer index) {

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null, null, null, null);
    }
}
