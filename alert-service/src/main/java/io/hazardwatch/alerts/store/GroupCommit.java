package io.hazardwatch.alerts.store;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.store.IncidentStore.Batch;
import io.hazardwatch.alerts.suppress.Silence;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes changes to the store one transaction at a time: while one batch is being committed, new changes
 * are merged into the next (only the newest state of an incident is written). A failed write is retried
 * with the changes that came since, so memory and store converge; the callers' futures complete when their
 * changes are committed. Called from one Vert.x context only.
 */
public final class GroupCommit {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final Vertx vertx;
    private final IncidentStore store;
    private final Duration retryEvery;
    private final Consumer<Batch> committed;
    private Map<String, Incident> incidents = new LinkedHashMap<>();
    private List<IncidentEvent> events = new ArrayList<>();
    private Map<String, Silence> silences = new LinkedHashMap<>();
    private Map<Integer, Long> offsets = Map.of();
    private java.util.Set<String> removedIncidents = new java.util.LinkedHashSet<>();
    private java.util.Set<String> removedSilences = new java.util.LinkedHashSet<>();
    private List<Promise<Void>> waiting = new ArrayList<>();
    private boolean writing;
    private boolean failing;
    private volatile boolean fatal;

    /** @param committed told about every batch once it is committed (on the caller's context) */
    public GroupCommit(Vertx vertx, IncidentStore store, Duration retryEvery, Consumer<Batch> committed) {
        this.vertx = vertx;
        this.store = store;
        this.retryEvery = retryEvery;
        this.committed = committed;
    }

    /** Queues changes; {@code alarmOffsets} is the full current position (or empty when unchanged). */
    public Future<Void> submit(List<Incident> changed, List<IncidentEvent> newEvents, List<Silence> changedSilences,
                               Map<Integer, Long> alarmOffsets) {
        return submit(changed, newEvents, changedSilences, alarmOffsets, List.of(), List.of());
    }

    /** As above, also deleting incidents and silences past their retention (a deletion wins over a queued state). */
    public Future<Void> submit(List<Incident> changed, List<IncidentEvent> newEvents, List<Silence> changedSilences,
                               Map<Integer, Long> alarmOffsets, List<String> goneIncidents, List<String> goneSilences) {
        if (fatal) {
            return Future.failedFuture("the incident store is no longer writable (see the log)");
        }
        changed.forEach(i -> incidents.put(i.id(), i));
        events.addAll(newEvents);
        changedSilences.forEach(s -> silences.put(s.id(), s));
        if (!alarmOffsets.isEmpty()) {
            offsets = Map.copyOf(alarmOffsets);
        }
        goneIncidents.forEach(id -> {
            incidents.remove(id);
            removedIncidents.add(id);
        });
        goneSilences.forEach(id -> {
            silences.remove(id);
            removedSilences.add(id);
        });
        Promise<Void> promise = Promise.promise();
        waiting.add(promise);
        if (!writing) {
            writeNext();
        }
        return promise.future();
    }

    /** Whether writes have stopped for good (another instance took over). */
    public boolean fatal() {
        return fatal;
    }

    /** Completes once everything submitted so far is committed (or writing has failed for good). */
    public Future<Void> drain() {
        if (!writing && waiting.isEmpty()) {
            return Future.succeededFuture();
        }
        return submit(List.of(), List.of(), List.of(), Map.of()).recover(e -> Future.succeededFuture());
    }

    private void writeNext() {
        if (waiting.isEmpty()) {
            writing = false;
            return;
        }
        writing = true;
        Batch batch = new Batch(List.copyOf(incidents.values()), List.copyOf(events), List.copyOf(silences.values()),
                offsets, List.copyOf(removedIncidents), List.copyOf(removedSilences));
        List<Promise<Void>> promises = waiting;
        incidents = new LinkedHashMap<>();
        events = new ArrayList<>();
        silences = new LinkedHashMap<>();
        removedIncidents = new java.util.LinkedHashSet<>();
        removedSilences = new java.util.LinkedHashSet<>();
        waiting = new ArrayList<>();
        store.save(batch).onComplete(result -> {
            if (result.succeeded()) {
                if (failing) {
                    LOG.info("incident store writable again");
                    failing = false;
                }
                committed.accept(batch);
                promises.forEach(Promise::complete);
                writeNext();
            } else if (result.cause() instanceof IllegalStateException) {
                fatal = true;
                LOG.error("incident store: {}; this instance stops writing", result.cause().getMessage());
                promises.forEach(p -> p.fail(result.cause()));
                waiting.forEach(p -> p.fail(result.cause()));
                waiting.clear();
                writing = false;
            } else {
                if (!failing) {
                    LOG.warn("incident store write failed ({}); retrying every {} ms until it succeeds",
                            result.cause().toString(), retryEvery.toMillis());
                    failing = true;
                }
                requeue(batch, promises);
                vertx.setTimer(retryEvery.toMillis(), id -> writeNext());
            }
        });
    }

    /** Puts a failed batch back in front of what came since (newer states of the same incident win). */
    private void requeue(Batch batch, List<Promise<Void>> promises) {
        Map<String, Incident> mergedIncidents = new LinkedHashMap<>();
        batch.incidents().forEach(i -> mergedIncidents.put(i.id(), i));
        mergedIncidents.putAll(incidents);
        incidents = mergedIncidents;
        List<IncidentEvent> mergedEvents = new ArrayList<>(batch.events());
        mergedEvents.addAll(events);
        events = mergedEvents;
        Map<String, Silence> mergedSilences = new LinkedHashMap<>();
        batch.silences().forEach(s -> mergedSilences.put(s.id(), s));
        mergedSilences.putAll(silences);
        silences = mergedSilences;
        if (offsets.isEmpty()) {
            offsets = batch.alarmOffsets();
        }
        java.util.Set<String> goneIncidents = new java.util.LinkedHashSet<>(batch.removedIncidents());
        goneIncidents.addAll(removedIncidents);
        removedIncidents = goneIncidents;
        java.util.Set<String> goneSilences = new java.util.LinkedHashSet<>(batch.removedSilences());
        goneSilences.addAll(removedSilences);
        removedSilences = goneSilences;
        List<Promise<Void>> mergedWaiting = new ArrayList<>(promises);
        mergedWaiting.addAll(waiting);
        waiting = mergedWaiting;
    }
}
