package io.hazardwatch.alerts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.alerts.Await;
import io.hazardwatch.alerts.store.IncidentStore.Batch;
import io.hazardwatch.alerts.store.IncidentStore.Snapshot;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Records kept beside the incidents ({@link Kept}) go through the real broker: a new instance loads the newest value
 * of each, a deletion removes one, and a record too large is refused alone, naming its key.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeptRecordsIT {

    /** Any value a book keeps: here a small record with a time, a list and a nested record. */
    record Note(String id, String text, Instant at, List<String> tags, Owner owner) {
    }

    record Owner(String name) {
    }

    private Vertx vertx;
    private String stateTopic;
    private String eventTopic;
    private KafkaIncidentStore first;

    @BeforeEach
    void topics() {
        vertx = Vertx.vertx();
        stateTopic = KafkaTestTopics.create("hazardwatch.incident-state.kept-it", 1);
        eventTopic = KafkaTestTopics.create("hazardwatch.incident-events.kept-it", 1);
        first = store();
        Await.result(first.load());
    }

    @AfterEach
    void stop() {
        Await.result(first.close());
        Await.result(vertx.close());
    }

    @Test
    void aNewInstanceLoadsTheNewestValueOfEachKeptRecordAndNotTheDeletedOnes() {
        Instant at = Instant.parse("2026-12-06T08:00:00Z");
        Note a1 = new Note("a", "first text", at, List.of("x"), new Owner("li"));
        Note a2 = new Note("a", "second text", at.plusSeconds(60), List.of("x", "y"), new Owner("wang"));
        Note b = new Note("b", "to be deleted", at, List.of(), null);
        Await.result(first.save(new Batch(List.of(), List.of(), List.of(kept(a1), kept(b)), Map.of(0, 5L))));
        Await.result(first.save(new Batch(List.of(), List.of(), List.of(kept(a2)), Map.of(), List.of(),
                List.of(Kept.keyOf("note", "b")))));

        KafkaIncidentStore second = store();
        try {
            Snapshot loaded = Await.result(second.load());
            assertThat(loaded.kept("note", Note.class)).containsExactly(a2);
            assertThat(loaded.kept("silence", Note.class)).isEmpty();
            assertThat(loaded.alarmOffsets()).isEqualTo(Map.of(0, 5L));
        } finally {
            Await.result(second.close());
        }
    }

    @Test
    void aKeptRecordAboveTheRecordBoundIsRefusedAloneNamingItsKey() {
        Note huge = new Note("huge", "x".repeat(StateRecords.MAX_RECORD_BYTES), Instant.EPOCH, List.of(), null);
        Note fine = new Note("fine", "small", Instant.EPOCH, List.of(), null);
        Future<Void> saved = first.save(new Batch(List.of(), List.of(), List.of(kept(huge), kept(fine)), Map.of()));
        assertThatThrownBy(() -> Await.result(saved));
        assertThat(saved.cause()).isInstanceOf(ChangeRefusedException.class);
        assertThat(((ChangeRefusedException) saved.cause()).kept()).containsOnlyKeys("note/huge");
    }

    private static Kept kept(Note note) {
        return new Kept("note", note.id(), note);
    }

    private KafkaIncidentStore store() {
        return new KafkaIncidentStore(vertx, TestEnv.kafkaBootstrap(), stateTopic, eventTopic, "hazardwatch.alarms.kept-it", TestEnv.kafkaClientAuth());
    }
}
