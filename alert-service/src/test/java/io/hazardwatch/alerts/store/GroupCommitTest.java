package io.hazardwatch.alerts.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.store.IncidentStore.Batch;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.SensorType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The group commit against a fake store that refuses some changes: a change that cannot be written must never
 * hold back the changes that came with it or after it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class GroupCommitTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final Duration RETRY = Duration.ofMillis(50);

    private Vertx vertx;
    private Context context;
    private final List<Batch> saved = new ArrayList<>();
    private final List<Batch> committed = new ArrayList<>();
    /** What the fake store does with a batch: null = store it, else the failure. */
    private Function<Batch, RuntimeException> verdict = b -> null;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    private final IncidentStore store = new IncidentStore() {
        @Override
        public Future<Snapshot> load() {
            return Future.succeededFuture(new Snapshot(List.of(), List.of(), Map.of()));
        }

        @Override
        public synchronized Future<Void> save(Batch batch) {
            RuntimeException failure = verdict.apply(batch);
            if (failure != null) {
                return Future.failedFuture(failure);
            }
            saved.add(batch);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> close() {
            return Future.succeededFuture();
        }
    };

    @Test
    void aChangeThatFailsAloneIsDroppedAndTheChangesWithItAndAfterItAreCommitted() throws Exception {
        // GIVEN a store that cannot write one incident (as a serialisation error or a record too large would)
        verdict = b -> b.incidents().stream().anyMatch(i -> i.alarm().device().equals("poison"))
                ? new RuntimeException("cannot serialise Incident") : null;
        GroupCommit commit = onContext(() -> groupCommit());

        // WHEN it comes in one batch with a good change, and another good change follows
        Future<Void> poisoned = onContext(() -> commit.submit(List.of(incident("poison"), incident("good-1")), List.of(),
                List.of(), Map.of(0, 5L)));
        Future<Void> later = onContext(() -> commit.submit(List.of(incident("good-2")), List.of(), List.of(),
                Map.of(0, 6L)));

        // THEN the good ones are committed, the alarms position too, and the poisoned one fails alone
        await(later);
        assertThat(committedIds()).contains("good-1", "good-2").doesNotContain("poison");
        assertThat(failureOf(poisoned)).contains("poison");
        assertThat(saved.get(saved.size() - 1).alarmOffsets()).isEqualTo(Map.of(0, 6L));
        StoreHealth after = onContext(commit::health);
        assertThat(after.state()).isEqualTo(StoreHealth.State.READY);
        assertThat(after.droppedChanges()).isEqualTo(1);
        assertThat(after.pendingChanges()).isZero();
    }

    @Test
    void aCallbackThatThrowsDoesNotLeaveTheCommitWritingForEver() throws Exception {
        boolean[] thrown = {false};
        GroupCommit commit = onContext(() -> new GroupCommit(vertx, store, RETRY, batch -> {
            if (!thrown[0]) {
                thrown[0] = true;
                throw new NullPointerException("enterprise is null");
            }
            committed.add(batch);
        }));

        onContext(() -> commit.submit(List.of(incident("first")), List.of(), List.of(), Map.of()));
        Future<Void> next = onContext(() -> commit.submit(List.of(incident("second")), List.of(), List.of(), Map.of()));

        await(next);
        assertThat(thrown[0]).isTrue();
        assertThat(committedIds()).contains("second");
    }

    @Test
    void aChangeTheStoreRefusesIsDroppedAtOnceAndTheOthersOfItsBatchAreWritten() throws Exception {
        verdict = b -> b.incidents().stream().anyMatch(i -> i.alarm().device().equals("huge"))
                ? new ChangeRefusedException(Map.of(incident("huge").id(), "record too large"), Map.of()) : null;
        GroupCommit commit = onContext(() -> groupCommit());

        Future<Void> both = onContext(() -> commit.submit(List.of(incident("huge"), incident("small")), List.of(),
                List.of(), Map.of(0, 3L)));

        assertThat(failureOf(both)).contains("huge").contains("record too large");
        assertThat(committedIds()).containsExactly("small");
        assertThat(saved).singleElement().satisfies(b -> assertThat(b.alarmOffsets()).isEqualTo(Map.of(0, 3L)));
        StoreHealth health = onContext(commit::health);
        assertThat(health.state()).isEqualTo(StoreHealth.State.READY);
        assertThat(health.droppedChanges()).isEqualTo(1);
    }

    @Test
    void aKeptRecordTheStoreRefusesIsDroppedAloneAndTheIncidentOfItsBatchIsWritten() throws Exception {
        verdict = b -> b.kept().stream().anyMatch(k -> k.id().equals("huge"))
                ? new ChangeRefusedException(Map.of(), Map.of("danger/huge", "record too large")) : null;
        GroupCommit commit = onContext(() -> groupCommit());

        Future<Void> both = onContext(() -> commit.submit(List.of(incident("small")), List.of(),
                List.of(new Kept("danger", "huge", "x"), new Kept("danger", "fine", "y")), Map.of()));

        assertThat(failureOf(both)).contains("danger huge").contains("record too large");
        assertThat(committedIds()).containsExactly("small");
        assertThat(saved).last().satisfies(b -> assertThat(b.kept()).extracting(Kept::id).containsExactly("fine"));
    }

    @Test
    void whileTheStoreIsAwayEveryChangeIsKeptTheStoreIsFailingAndAllIsWrittenOnceItIsBack() throws Exception {
        verdict = b -> new StoreUnavailableException("Kafka away", null);
        GroupCommit commit = onContext(() -> groupCommit());

        Future<Void> first = onContext(() -> commit.submit(List.of(incident("one")), List.of(), List.of(), Map.of(0, 1L)));
        Thread.sleep(RETRY.toMillis() * 3);
        Future<Void> second = onContext(() -> commit.submit(List.of(incident("two")), List.of(), List.of(), Map.of(0, 2L)));
        StoreHealth away = onContext(commit::health);

        assertThat(away.state()).isEqualTo(StoreHealth.State.FAILING);
        assertThat(away.reason()).contains("Kafka away");
        assertThat(away.since()).isNotNull();
        assertThat(away.pendingChanges()).isEqualTo(2);
        assertThat(away.oldestPending()).isNotNull();
        assertThat(first.isComplete()).isFalse();

        verdict = b -> null;
        await(first);
        await(second);
        assertThat(committedIds()).containsExactlyInAnyOrder("one", "two");
        assertThat(saved.get(saved.size() - 1).alarmOffsets()).isEqualTo(Map.of(0, 2L));
        StoreHealth back = onContext(commit::health);
        assertThat(back.state()).isEqualTo(StoreHealth.State.READY);
        assertThat(back.pendingChanges()).isZero();
    }

    @Test
    void aWriteThatDoesNotAnswerMakesTheStoreFailingOnceTheBoundHasPassed() throws Exception {
        Promise<Void> never = Promise.promise();
        IncidentStore silent = new IncidentStore() {
            @Override
            public Future<Snapshot> load() {
                return store.load();
            }

            @Override
            public Future<Void> save(Batch batch) {
                return never.future();
            }

            @Override
            public Future<Void> close() {
                return Future.succeededFuture();
            }
        };
        GroupCommit commit = onContext(() -> new GroupCommit(vertx, silent, RETRY, Duration.ofMillis(200),
                java.time.Clock.systemUTC(), committed::add));

        onContext(() -> commit.submit(List.of(incident("stuck")), List.of(), List.of(), Map.of()));
        assertThat(onContext(commit::health).state()).isEqualTo(StoreHealth.State.READY);
        Thread.sleep(400);

        StoreHealth stuck = onContext(commit::health);
        assertThat(stuck.state()).isEqualTo(StoreHealth.State.FAILING);
        assertThat(stuck.reason()).contains("1 change(s) not committed");
        assertThat(stuck.pendingChanges()).isEqualTo(1);
    }

    @Test
    void onceAnotherInstanceTookOverWritingStopsAndSaysSo() throws Exception {
        verdict = b -> new StoreFencedException("another alert service instance took over the incident store", null);
        GroupCommit commit = onContext(() -> groupCommit());

        Future<Void> first = onContext(() -> commit.submit(List.of(incident("one")), List.of(), List.of(), Map.of()));

        assertThat(failureOf(first)).contains("took over");
        assertThat(onContext(commit::health).state()).isEqualTo(StoreHealth.State.FAILED);
        assertThat(failureOf(onContext(() -> commit.submit(List.of(incident("two")), List.of(), List.of(), Map.of()))))
                .contains("no longer writable");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private GroupCommit groupCommit() {
        return new GroupCommit(vertx, store, RETRY, committed::add);
    }

    private List<String> committedIds() {
        return committed.stream().flatMap(b -> b.incidents().stream()).map(i -> i.alarm().device()).toList();
    }

    private static Incident incident(String name) {
        AlarmEvent event = new AlarmEvent(AlarmEvent.SCHEMA, "ent-a/" + name + "/lel-1/THRESHOLD", "ent-a", name,
                "lel-1", SensorType.COMBUSTIBLE_GAS, AlarmEvent.THRESHOLD, AlarmLevel.FIRST, AlarmTransition.RAISED,
                30, 25.0, "%LEL", "threshold", 1, T0, T0, T0);
        return Incident.open(event, "grid-1", T0);
    }

    /** Runs {@code action} on the one context the group commit is used from (as the engine does). */
    private <T> T onContext(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }

    private static void await(Future<?> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static String failureOf(Future<?> future) throws Exception {
        Promise<String> why = Promise.promise();
        future.onComplete(r -> why.complete(r.failed() ? String.valueOf(r.cause().getMessage()) : "succeeded"));
        return why.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
