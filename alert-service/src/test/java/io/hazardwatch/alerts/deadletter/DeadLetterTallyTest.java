package io.hazardwatch.alerts.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterTallyTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:30:00Z");

    @Test
    void countsPerEnterpriseAndReasonWithTheNewestDetail() {
        DeadLetterTally tally = new DeadLetterTally();
        tally.record("binhai", "PAYLOAD_INVALID", "unit: must be ppm", "hazardwatch/v1/binhai/mr-1/readings",
                NOW.minusSeconds(600));
        tally.record("binhai", "UNKNOWN_SENSOR", "sensor nh3-09 is not registered", "t2", NOW.minusSeconds(60));
        tally.record("binhai", "PAYLOAD_INVALID", "value: required", "t3", NOW.minusSeconds(300));
        tally.record("hengda", "QUOTA_EXCEEDED", "over 10/s", "t4", NOW.minusSeconds(30));

        var summary = tally.summary(NOW);

        assertThat(summary).hasSize(2);
        assertThat(summary.get(0).enterprise()).isEqualTo("binhai");
        assertThat(summary.get(0).total()).isEqualTo(3);
        assertThat(summary.get(0).byReason()).isEqualTo(Map.of("PAYLOAD_INVALID", 2L, "UNKNOWN_SENSOR", 1L));
        assertThat(summary.get(0).lastReason()).isEqualTo("UNKNOWN_SENSOR");
        assertThat(summary.get(0).lastDetail()).isEqualTo("sensor nh3-09 is not registered");
        assertThat(summary.get(1).enterprise()).isEqualTo("hengda");
    }

    @Test
    void forgetsWhatIsOlderThanTheWindowAndReusesItsBuckets() {
        DeadLetterTally tally = new DeadLetterTally();
        tally.record("binhai", "PAYLOAD_INVALID", "d", "t", NOW.minus(Duration.ofHours(30)));
        tally.record("binhai", "PAYLOAD_INVALID", "d", "t", NOW.minus(Duration.ofHours(25)));
        assertThat(tally.summary(NOW)).isEmpty();

        // 24 h after the first: the same ring slot, now counting anew
        tally.record("binhai", "PAYLOAD_INVALID", "d", "t", NOW.minus(Duration.ofHours(6)));
        assertThat(tally.summary(NOW)).singleElement().extracting(DeadLetterTally.Summary::total).isEqualTo(1L);
        assertThat(tally.summary(NOW.plus(Duration.ofHours(19)))).isEmpty();
    }

    @Test
    void aMessageFromNoKnownEnterpriseIsStillCounted() {
        DeadLetterTally tally = new DeadLetterTally();
        tally.record(null, "TOPIC_INVALID", "topic is not hazardwatch/v1/...", "junk", NOW);

        assertThat(tally.summary(NOW)).singleElement()
                .extracting(DeadLetterTally.Summary::enterprise).isEqualTo(DeadLetterTally.UNKNOWN_ENTERPRISE);
    }
}
