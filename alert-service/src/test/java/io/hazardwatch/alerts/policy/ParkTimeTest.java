package io.hazardwatch.alerts.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ParkTimeTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void anInstantIsWrittenInTheParksZoneWithItsOffset() {
        Instant lateEveningUtc = Instant.parse("2026-11-24T20:30:05.250Z");

        assertThat(ParkTime.iso(lateEveningUtc, SHANGHAI)).as("already the next day in the park")
                .isEqualTo("2026-11-25T04:30:05+08:00");
        assertThat(ParkTime.iso(lateEveningUtc, ZoneId.of("Europe/Berlin"))).isEqualTo("2026-11-24T21:30:05+01:00");
        assertThat(ParkTime.iso(Instant.parse("2026-07-01T00:00:00Z"), ZoneId.of("Europe/Berlin")))
                .as("summer time").isEqualTo("2026-07-01T02:00:00+02:00");
        assertThat(ParkTime.iso(null, SHANGHAI)).isEmpty();
    }

    @Test
    void logLinesInAnotherZoneThanTheParksAreNamedWithTheFix() {
        assertThat(ParkTime.logZoneMismatch("Asia/Shanghai", SHANGHAI)).isNull();
        assertThat(ParkTime.logZoneMismatch(null, SHANGHAI)).as("log4j2's default is the policy's default").isNull();
        assertThat(ParkTime.logZoneMismatch(null, ZoneId.of("Asia/Urumqi")))
                .contains("Asia/Shanghai", "Asia/Urumqi", "-Dhw.log.timezone=Asia/Urumqi");
        assertThat(ParkTime.logZoneMismatch("Mars/Olympus", SHANGHAI)).contains("no time zone");
    }
}
