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

    /** The leak, readable (issue 21): Chinese text, its template variables and the recipient's acknowledge link. */
    public static Notification ammoniaLeakWithLink(String channel, String address) {
        return new Notification("inc-42/step-1/wang", "hengda/tank-farm/nh3-01", new Recipient("Wang Wei", channel,
                address), AlarmLevel.SECOND, "【二级报警】恒达精细化工 氨气",
                "恒达精细化工 储罐区A 氨气 43 ppm，超过二级报警值 40 ppm\n地点：东区一网格，时间 11-24 16:00",
                new Notification.Link("https://board.example.cn/ack/AbC123", "确认收到"),
                java.util.Map.of("enterprise", "恒达精细化工", "token", "AbC123"));
    }
}
