package io.hazardwatch.alerts;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.store.IncidentStore;
import io.hazardwatch.alerts.store.Kept;
import io.hazardwatch.model.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A store kept in memory, for tests of the API that do not need Kafka (KafkaIncidentStore is tested in the ITs). */
final class InMemoryIncidentStore implements IncidentStore {

    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, Kept> kept = new LinkedHashMap<>();
    private final Map<Integer, Long> offsets = new HashMap<>();
    private final List<IncidentEvent> events = new ArrayList<>();
    /** While holding, saves are kept and answered only on {@link #releaseSaves()}: a slow commit. */
    private boolean holding;
    private final List<Runnable> held = new ArrayList<>();
    /** While set, every save of a batch that {@link #failing} matches fails with it (e.g. Kafka away: every batch). */
    private RuntimeException failure;
    private java.util.function.Predicate<Batch> failing = b -> true;

    @Override
    public synchronized Future<Snapshot> load() {
        return Future.succeededFuture(new Snapshot(List.copyOf(incidents.values()), List.copyOf(kept.values()),
                Map.copyOf(offsets)));
    }

    @Override
    public synchronized Future<Void> save(Batch batch) {
        if (failure != null && failing.test(batch)) {
            return Future.failedFuture(failure);
        }
        if (holding) {
            Context context = Vertx.currentContext();
            Promise<Void> answer = Promise.promise();
            held.add(() -> context.runOnContext(v -> save(batch).onComplete(answer)));
            return answer.future();
        }
        batch.incidents().forEach(i -> incidents.put(i.id(), i));
        // as JSON, the way Kafka gives it back: a value that does not survive the round trip fails here too
        batch.kept().forEach(k -> kept.put(k.key(), new Kept(k.kind(), k.id(), Json.MAPPER.valueToTree(k.value()))));
        offsets.putAll(batch.alarmOffsets());
        events.addAll(batch.events());
        batch.removedIncidents().forEach(incidents::remove);
        batch.removedKept().forEach(kept::remove);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }

    synchronized void holdSaves() {
        holding = true;
    }

    synchronized void releaseSaves() {
        holding = false;
        held.forEach(Runnable::run);
        held.clear();
    }

    synchronized void failSaves(RuntimeException why) {
        failSaves(b -> true, why);
    }

    synchronized void failSaves(java.util.function.Predicate<Batch> which, RuntimeException why) {
        failing = which;
        failure = why;
    }

    synchronized void succeedSaves() {
        failure = null;
    }

    synchronized Incident stored(String id) {
        return incidents.get(id);
    }

    synchronized List<IncidentEvent> events() {
        return List.copyOf(events);
    }
}
