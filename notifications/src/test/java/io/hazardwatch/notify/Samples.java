package io.hazardwatch.notify;

import io.hazardwatch.model.AlarmLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Test notifications and a fixed clock. */
public final class Samples {

    public static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Samples() {
    }

    public static Notification ammoniaLeak(String channel, String address) {
        return new Notification("inc-42/step-1/wang", "hengda/tank-farm/nh3-01", new Recipient("Wang Wei", channel,
                address), AlarmLevel.SECOND, "Ammonia 2nd-level alarm \"Hengda\"",
                "NH3 43 ppm at tank farm — over 40 ppm.\nAcknowledge on the board.");
    }
}
