package io.hazardwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void aPlainErrorIsJustItsCodeAndMessage() {
        assertThat(Json.toString(ApiError.of("not_found", "no incident 7")))
                .isEqualTo("{\"error\":\"not_found\",\"message\":\"no incident 7\"}");
    }

    @Test
    void aRefusedMessageAlsoNamesItsReasonCodeTopicTimeAndIndex() {
        ApiError refused = new ApiError("PAYLOAD_INVALID", "readings[1].value: required, a number", 0x99,
                "hazardwatch/v1/ent-a/tank-1/readings", Instant.parse("2026-11-24T08:00:01.120Z"), 1);

        assertThat(Json.toString(refused)).isEqualTo("{\"error\":\"PAYLOAD_INVALID\",\"message\":\"readings[1].value: "
                + "required, a number\",\"code\":153,\"topic\":\"hazardwatch/v1/ent-a/tank-1/readings\","
                + "\"receivedAt\":\"2026-11-24T08:00:01.120Z\",\"index\":1}");
    }
}
