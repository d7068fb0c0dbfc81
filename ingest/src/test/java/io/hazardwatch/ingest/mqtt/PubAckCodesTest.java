package io.hazardwatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.validation.RefusalReason;
import org.junit.jupiter.api.Test;

class PubAckCodesTest {

    @Test
    void eachRefusalHasTheMqtt5ReasonCodeTheIntegrationGuideNames() {
        assertThat(PubAckCodes.number(RefusalReason.TOPIC_INVALID)).isEqualTo(0x90);
        assertThat(PubAckCodes.number(RefusalReason.NOT_AUTHORIZED)).isEqualTo(0x87);
        assertThat(PubAckCodes.number(RefusalReason.PAYLOAD_INVALID)).isEqualTo(0x99);
        assertThat(PubAckCodes.number(RefusalReason.UNKNOWN_SENSOR)).isEqualTo(0x99);
        assertThat(PubAckCodes.number(RefusalReason.QUOTA_EXCEEDED)).isEqualTo(0x97);
    }
}
