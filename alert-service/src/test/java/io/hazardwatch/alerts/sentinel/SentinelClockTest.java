package io.hazardwatch.alerts.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.policy.AlertingPolicy;
import io.hazardwatch.notify.Delivery;
import io.hazardwatch.notify.Notification;
import io.hazardwatch.notify.Notifier;
import io.hazardwatch.testsupport.FreePort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sentinel's limit is counted on a monotonic clock: a wall clock set back an hour just as the alert service goes
 * silent (an NTP step, an operator's mistake) does not hold the page back for that hour. The watched address is a
 * port nothing listens on; the provider is a recording notifier.
 */
@Timeout(30)
class SentinelClockTest {

    @Test
    void aWallClockSetBackAnHourDoesNotDelayThePage(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("alerting.yaml"), """
                timezone: Asia/Shanghai
                escalation:
                  steps:
                    - {role: GRID_MEMBER, after: PT0S}
                people:
                  - {id: member-1, name: Member One, channel: push, address: member-1}
                rotas:
                  - {role: GRID_MEMBER, cells: ["*"], shifts: [{person: member-1, from: "00:00", to: "00:00"}]}
                """);
        // every reading of the wall clock after the first is an hour earlier
        AtomicInteger reads = new AtomicInteger();
        Instant start = Instant.parse("2026-12-06T22:00:00Z");
        Clock setBack = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return reads.getAndIncrement() == 0 ? start : start.minus(Duration.ofHours(1));
            }
        };
        List<Notification> sent = new CopyOnWriteArrayList<>();
        Notifier push = new Notifier() {
            @Override
            public String channel() {
                return "push";
            }

            @Override
            public Future<Delivery> send(Notification notification) {
                sent.add(notification);
                return Future.succeededFuture(new Delivery("push", "-"));
            }
        };
        Vertx vertx = Vertx.vertx();
        Sentinel sentinel = new Sentinel(vertx, new SentinelConfig(List.of(URI.create("http://127.0.0.1:" + FreePort.find()
                + "/health")), Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofMillis(500)),
                AlertingPolicy.load(policy, "alert.policy.file"), "grid-1", Map.of("push", push), setBack);
        try {
            long started = System.nanoTime();
            sentinel.start();
            while (sent.isEmpty() && System.nanoTime() - started < Duration.ofSeconds(15).toNanos()) {
                Thread.sleep(100);
            }
            assertThat(sent).as("paged within a few checks of the 2 s limit, whatever the wall clock did").hasSize(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
            assertThat(sent.get(0).recipient().address()).isEqualTo("member-1");
        } finally {
            sentinel.stop();
            vertx.close().await();
        }
    }
}
