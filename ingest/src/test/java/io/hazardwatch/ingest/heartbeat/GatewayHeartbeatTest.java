package io.hazardwatch.ingest.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hazardwatch.ingest.kafka.HeartbeatSink;
import io.hazardwatch.model.Heartbeat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayHeartbeatTest {

    private final List<Heartbeat> sent = new ArrayList<>();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong notWritten = new AtomicLong();
    private static Vertx vertx;
    private GatewayHeartbeat heartbeat;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().await();
    }

    @BeforeEach
    void start() {
        HeartbeatSink sink = new HeartbeatSink() {
            @Override
            public Future<Void> send(Heartbeat beat) {
                sent.add(beat);
                return Future.succeededFuture();
            }

            @Override
            public Future<Void> close() {
                return Future.succeededFuture();
            }
        };
        heartbeat = new GatewayHeartbeat(vertx, sink, () -> 3, refusals::get,
                new GatewayHeartbeat.Storage(notWritten::get, () -> "RecordTooLargeException: too large"));
        heartbeat.start("127.0.0.1:1883");
        heartbeat.stop(); // the test beats by hand
    }

    private Heartbeat last() {
        return sent.get(sent.size() - 1);
    }

    @Test
    void aGatewayThatServesItsDevicesBeatsAliveWithItsConnections() {
        Heartbeat beat = last();

        assertEquals(Heartbeat.Stage.GATEWAY, beat.stage());
        assertNull(beat.failingSince());
        assertEquals("connections=3", beat.detail());
    }

    @Test
    void messagesKafkaDidNotTakeMakeTheGatewayFailingUntilABeatFindsNoNewOnes() {
        notWritten.addAndGet(2);
        heartbeat.beat();
        Heartbeat failing = last();
        assertNotNull(failing.failingSince());
        assertTrue(failing.detail().contains("2 messages not written to Kafka since the last heartbeat"),
                failing.detail());
        assertTrue(failing.detail().contains("RecordTooLargeException"), failing.detail());

        notWritten.incrementAndGet();
        heartbeat.beat();
        assertEquals(failing.failingSince(), last().failingSince(), "the run goes on: it began at the first beat");
        assertTrue(last().detail().contains("1 messages not written"), last().detail());

        heartbeat.beat();
        assertNull(last().failingSince());
        assertEquals("connections=3", last().detail());
    }

    @Test
    void theFailingRunThatBeganFirstIsTheOneReported() throws InterruptedException {
        notWritten.incrementAndGet();
        heartbeat.beat();
        var storageSince = last().failingSince();
        Thread.sleep(5);
        notWritten.incrementAndGet();
        refusals.incrementAndGet();
        heartbeat.beat();
        assertEquals(storageSince, last().failingSince());
        assertTrue(last().detail().contains("refused 1 CONNECTs"), last().detail());

        refusals.incrementAndGet(); // Kafka takes the readings again; the CONNECTs are still refused
        heartbeat.beat();
        assertTrue(last().failingSince().isAfter(storageSince), "now the refusals' run, which began later");
        assertFalse(last().detail().contains("not written"), last().detail());
    }
}
