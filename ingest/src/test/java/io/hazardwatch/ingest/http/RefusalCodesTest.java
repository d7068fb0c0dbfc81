package io.hazardwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.mqtt.PubAckCodes;
import io.hazardwatch.ingest.validation.RefusalReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codes each edge gives a refusal, as the integration guide's table names them. */
class RefusalCodesTest {

    /** reason → {MQTT 5 PUBACK reason code, HTTP status}. */
    private static final Map<RefusalReason, int[]> GUIDE = Map.of(
            RefusalReason.TOPIC_INVALID, new int[] {0x90, 404},
            RefusalReason.NOT_AUTHORIZED, new int[] {0x87, 403},
            RefusalReason.PAYLOAD_INVALID, new int[] {0x99, 400},
            RefusalReason.UNKNOWN_SENSOR, new int[] {0x99, 422},
            RefusalReason.QUOTA_EXCEEDED, new int[] {0x97, 429});

    @Test
    void eachRefusalHasTheMqtt5ReasonCodeAndHttpStatusTheGuideNames() {
        assertThat(GUIDE).containsOnlyKeys(RefusalReason.values());
        GUIDE.forEach((reason, codes) -> {
            assertThat(PubAckCodes.number(reason)).as("PUBACK code of %s", reason).isEqualTo(codes[0]);
            assertThat(HttpApi.status(reason)).as("HTTP status of %s", reason).isEqualTo(codes[1]);
        });
    }
}
