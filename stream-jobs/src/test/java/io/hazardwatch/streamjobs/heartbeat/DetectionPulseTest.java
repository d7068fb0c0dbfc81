package io.hazardwatch.streamjobs.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.Heartbeat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DetectionPulseTest {

    private static final Instant T0 = Instant.parse("2026-12-06T03:00:00Z");

    @Test
    void beforeAnyReadingItIsIdleWithoutEventTime() {
        Heartbeat first = new DetectionPulse(1, 5).next(T0);

        assertThat(first.stage()).isEqualTo(Heartbeat.Stage.DETECTION);
        assertThat(first.instance()).isEqualTo("detection-1");
        assertThat(first.time()).isEqualTo(T0);
        assertThat(first.eventTime()).isNull();
        assertThat(first.lagMillis()).isNull();
        assertThat(first.failingSince()).isNull();
        assertThat(first.detail()).isEqualTo("readings=0 in the last 5 s");
    }

    @Test
    void whileFedItCarriesTheNewestReadingsLagAndTheWatermarkAndWhenIdleNoLag() {
        DetectionPulse pulse = new DetectionPulse(0, 5);
        long now = T0.toEpochMilli();
        pulse.onReading(now - 900, now - 100, now - 6_000);
        pulse.onReading(now - 300, now - 50, now - 5_000); // the newest: judged 250 ms after the gateway took it

        Heartbeat fed = pulse.next(T0);
        Heartbeat idle = pulse.next(T0.plusSeconds(5));

        assertThat(fed.lagMillis()).isEqualTo(250);
        assertThat(fed.eventTime()).isEqualTo(T0.minusSeconds(5));
        assertThat(fed.detail()).isEqualTo("readings=2 in the last 5 s");
        assertThat(idle.lagMillis()).as("nothing came in the last interval").isNull();
        assertThat(idle.detail()).isEqualTo("readings=0 in the last 5 s");
        assertThat(idle.eventTime()).as("the watermark stays").isEqualTo(T0.minusSeconds(5));
    }

    @Test
    void aTimerMovesTheEventTimeOnWhileIdle() {
        DetectionPulse pulse = new DetectionPulse(0, 5);
        pulse.onWatermark(T0.toEpochMilli());

        assertThat(pulse.next(T0.plusSeconds(5)).eventTime()).isEqualTo(T0);
    }
}
