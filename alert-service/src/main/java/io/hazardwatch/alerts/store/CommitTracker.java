package io.hazardwatch.alerts.store;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What of the incidents is stored: the version last committed per incident, the newest handed to the store and not
 * committed yet, and the alarms-topic position reached. Writes through a {@link GroupCommit}; a decision's messages
 * are sent only once it is {@link #committed()} (the outbox). Called from one Vert.x context.
 */
public final class CommitTracker {

    private static final Logger LOG = LoggerFactory.getLogger(CommitTracker.class);

    private final Vertx vertx;
    private final GroupCommit writer;
    private final Instant startedAt = Instant.now();
    /** Per partition of the alarms topic, the next offset to read. */
    private final Map<Integer, Long> offsets = new TreeMap<>();
    private final Map<String, Incident> committed = new HashMap<>();
    /** The newest version handed to the store per incident, so each audit event is written once. */
    private final Map<String, Incident> pending = new HashMap<>();
    private Consumer<List<Incident>> whenCommitted = incidents -> { };
    private volatile boolean loaded;

    /**
     * @param writer builds the group commit to write through, given the callback it tells of each committed batch
     *               (the composition root picks its store, retry and failing bound)
     */
    public CommitTracker(Vertx vertx, Function<Consumer<IncidentStore.Batch>, GroupCommit> writer) {
        this.vertx = vertx;
        this.writer = writer.apply(this::onCommitted);
    }

    /** Told, on the caller's context, of the incidents of every batch once it is committed. */
    public void whenCommitted(Consumer<List<Incident>> listener) {
        this.whenCommitted = listener;
    }

    /** Takes the stored incidents and position as committed after a start; returns where to resume the alarms topic. */
    public Map<Integer, Long> resume(IncidentStore.Snapshot snapshot) {
        snapshot.incidents().forEach(i -> committed.put(i.id(), i));
        offsets.putAll(snapshot.alarmOffsets());
        loaded = true;
        return Map.copyOf(offsets);
    }

    /** The alarm record at {@code offset} of {@code partition} is read; the position moves past it. */
    public void read(int partition, long offset) {
        offsets.put(partition, offset + 1);
    }

    /** The full current position of the alarms topic (to store with the changes it led to). */
    public Map<Integer, Long> position() {
        return Map.copyOf(offsets);
    }

    /** Hands changes to the store (with their new audit events); {@code position} is empty when unchanged. */
    public Future<Void> submit(List<Incident> changed, Map<Integer, Long> position, List<Kept> changedKept) {
        List<IncidentEvent> events = new ArrayList<>();
        for (Incident incident : changed) {
            Incident stored = committed.get(incident.id());
            events.addAll(incident.eventsSince(pending.getOrDefault(incident.id(), stored)));
            pending.put(incident.id(), incident);
        }
        if (changed.isEmpty() && position.isEmpty() && changedKept.isEmpty()) {
            return Future.succeededFuture();
        }
        return writer.submit(changed, events, changedKept, position);
    }

    /**
     * Keeps records beside the incidents (hidden dangers, tasks, ...): completes once they are committed. A person
     * waiting for it should wait {@link #within} a bound.
     */
    public Future<Void> keep(List<Kept> changed) {
        return submit(List.of(), Map.of(), changed);
    }

    /**
     * Deletes incidents past their retention (forgetting them here) and kept records no longer wanted (by
     * {@link Kept#key()}) from the store.
     */
    public void delete(List<String> incidentIds, List<String> keptKeys) {
        incidentIds.forEach(committed::remove);
        writer.submit(List.of(), List.of(), List.of(), Map.of(), incidentIds, keptKeys);
    }

    /** Whether this very version of the incident is committed and no newer one waits to be. */
    public boolean settled(Incident incident) {
        return committed.get(incident.id()) == incident && !pending.containsKey(incident.id());
    }

    /** The committed version of every incident: only these decisions may be sent. */
    public Collection<Incident> committed() {
        return committed.values();
    }

    /** LOADING until {@link #resume}, then the writer's READY / FAILING / FAILED; safe from any thread, roughly. */
    public StoreHealth health() {
        if (!loaded) {
            return new StoreHealth(StoreHealth.State.LOADING, startedAt, "incidents not loaded yet", 0, null, 0);
        }
        return writer.health();
    }

    /**
     * A person waits for their change to be committed, but not for ever: past {@code wait} the answer says it is
     * applied and kept, not stored yet (it is stored once the store recovers).
     */
    public Future<Void> within(Future<Void> committing, Duration wait) {
        Promise<Void> answer = Promise.promise();
        long timer = vertx.setTimer(wait.toMillis(), id -> answer.tryFail(new NotStoredException(
                "applied, but not stored yet: the incident store has not committed it within "
                        + wait.toMillis() + " ms (" + writer.health().describe()
                        + "); it is kept and stored once the store recovers")));
        committing.onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                answer.tryComplete();
            } else {
                answer.tryFail(result.cause());
            }
        });
        return answer.future();
    }

    /** Everything submitted is committed, or {@code deadline} (nano time) is reached: the store may be away. */
    public Future<Void> drain(long deadline) {
        Promise<Void> drained = Promise.promise();
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        long timer = vertx.setTimer(left, id -> {
            StoreHealth health = writer.health();
            LOG.warn("stopping with {} change(s) not committed ({}); alarms after the stored position are read again "
                    + "after restart", health.pendingChanges(), health.describe());
            drained.tryComplete();
        });
        writer.drain().onComplete(r -> {
            vertx.cancelTimer(timer);
            drained.tryComplete();
        });
        return drained.future();
    }

    private void onCommitted(IncidentStore.Batch batch) {
        for (Incident incident : batch.incidents()) {
            committed.put(incident.id(), incident);
            if (pending.get(incident.id()) == incident) {
                pending.remove(incident.id());
            }
        }
        whenCommitted.accept(batch.incidents());
    }
}
