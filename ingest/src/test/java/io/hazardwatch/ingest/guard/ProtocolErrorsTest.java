package io.hazardwatch.ingest.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

class ProtocolErrorsTest {

    @Test
    void packetsBeforeConnectAndUndecodableBytesAreTheClientsMistakeAnythingElseIsOurs() {
        assertThat(ProtocolErrors.isClientsMistake(new IllegalStateException(
                "Received an MQTT packet from a not connected client (CONNECT not sent yet)"))).isTrue();
        assertThat(ProtocolErrors.isClientsMistake(new DecoderException("Illegal BIT 0 in fixed header"))).isTrue();
        assertThat(ProtocolErrors.isClientsMistake(new IllegalArgumentException("unknown PUBACK reason code: 171")))
                .isTrue();
        assertThat(ProtocolErrors.isClientsMistake(new IllegalStateException("a bug of ours"))).isFalse();
        assertThat(ProtocolErrors.isClientsMistake(new NullPointerException())).isFalse();
    }
}
