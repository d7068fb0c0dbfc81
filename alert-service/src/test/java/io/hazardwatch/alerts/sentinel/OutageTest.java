package io.hazardwatch.alerts.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.sentinel.Outage.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutageTest {

    private static final Instant T0 = Instant.parse("2026-12-06T22:00:00Z");
    private final Outage outage = new Outage(Duration.ofSeconds(60), Duration.ofMinutes(15));

    @Test
    void aServiceThatAnswersIsNeverPaged() {
        for (int s = 0; s < 600; s += 2) {
            assertThat(outage.observe(true, null, T0.plusSeconds(s))).isEmpty();
        }
    }

    @Test
    void anOutageShorterThanTheLimitIsNotPagedNorIsItsEnd() {
        for (int s = 0; s < 58; s += 2) {
            assertThat(outage.observe(false, "refused", T0.plusSeconds(s))).isEmpty();
        }
        assertThat(outage.observe(true, null, T0.plusSeconds(58))).as("a takeover, a restart").isEmpty();
        assertThat(outage.failing()).isFalse();
    }

    @Test
    void anOutageIsPagedAtTheLimitCountedFromItsFirstFailedCheckRepeatedAndItsEndToldOnce() {
        assertThat(outage.observe(false, "refused", T0)).isEmpty();
        assertThat(outage.observe(false, "HTTP 503", T0.plusSeconds(59))).isEmpty();

        Outage.Page down = outage.observe(false, "HTTP 503", T0.plusSeconds(60)).orElseThrow();
        assertThat(down).isEqualTo(new Outage.Page(Kind.DOWN, T0, "HTTP 503", T0.plusSeconds(60)));
        assertThat(outage.observe(false, "HTTP 503", T0.plusSeconds(62))).as("once, not at every check").isEmpty();

        Outage.Page again = outage.observe(false, "refused", T0.plusSeconds(60 + 900)).orElseThrow();
        assertThat(again.kind()).isEqualTo(Kind.STILL_DOWN);
        assertThat(again.since()).isEqualTo(T0);

        Outage.Page back = outage.observe(true, null, T0.plusSeconds(1000)).orElseThrow();
        assertThat(back.kind()).isEqualTo(Kind.BACK);
        assertThat(back.since()).isEqualTo(T0);
        assertThat(outage.observe(true, null, T0.plusSeconds(1002))).isEmpty();
    }

    @Test
    void aNewOutageAfterABackIsCountedAfresh() {
        outage.observe(false, "refused", T0);
        outage.observe(false, "refused", T0.plusSeconds(60));
        outage.observe(true, null, T0.plusSeconds(70));

        assertThat(outage.observe(false, "refused", T0.plusSeconds(100))).isEmpty();
        assertThat(outage.observe(false, "refused", T0.plusSeconds(159))).isEmpty();
        assertThat(outage.observe(false, "refused", T0.plusSeconds(160)).orElseThrow().since())
                .isEqualTo(T0.plusSeconds(100));
    }
}
