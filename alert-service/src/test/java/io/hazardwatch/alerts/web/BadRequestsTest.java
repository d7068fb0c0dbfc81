package io.hazardwatch.alerts.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.InvalidChunkExtensionException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.json.DecodeException;
import org.junit.jupiter.api.Test;

/** What bench/attack.sh found the board answering 500 (and logging as an error) for the client's own mistakes. */
class BadRequestsTest {

    @Test
    void whatTheClientSentWrongIsA4xxAndOnlyOurOwnFaultA500() {
        assertThat(BadRequests.statusOf(200, new InvalidChunkExtensionException("Line Feed must be preceded by CR")))
                .as("a malformed chunked body").isEqualTo(400);
        assertThat(BadRequests.statusOf(200, new TooLongHttpLineException("An HTTP line is larger than 4096 bytes.")))
                .as("an over-long request line").isEqualTo(414);
        assertThat(BadRequests.statusOf(200, new DecodeException("bad JSON"))).isEqualTo(400);
        assertThat(BadRequests.statusOf(200, new NullPointerException())).as("our own fault").isEqualTo(500);
    }
}
