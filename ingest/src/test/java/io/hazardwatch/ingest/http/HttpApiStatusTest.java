package io.hazardwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.validation.RefusalReason;
import org.junit.jupiter.api.Test;

class HttpApiStatusTest {

    @Test
    void eachRefusalHasTheHttpStatusTheIntegrationGuideNames() {
        assertThat(HttpApi.status(RefusalReason.TOPIC_INVALID)).isEqualTo(404);
        assertThat(HttpApi.status(RefusalReason.NOT_AUTHORIZED)).isEqualTo(403);
        assertThat(HttpApi.status(RefusalReason.PAYLOAD_INVALID)).isEqualTo(400);
        assertThat(HttpApi.status(RefusalReason.UNKNOWN_SENSOR)).isEqualTo(422);
        assertThat(HttpApi.status(RefusalReason.QUOTA_EXCEEDED)).isEqualTo(429);
    }
}
