package io.hazardwatch.alerts.store;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.store.IncidentStore.Batch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes changes to the store one transaction at a time: while one batch is being committed, new changes
 * are merged into the next (only the newest state of an incident is written). Called from one Vert.x context.
 *
 * <p>A failed write never holds back what comes after it:
 * <ul>
 *   <li>the store refuses a change for good ({@link ChangeRefusedException}): that change is dropped alone
 *       (ERROR line naming it, its caller's future fails) and the rest is written at once;</li>
 *   <li>the store is away ({@link StoreUnavailableException}): everything is kept and written again every
 *       {@code retryEvery}; changes that come meanwhile join it (newer states of the same incident win);</li>
 *   <li>any other failure: each change of the batch is written again alone, once; one that fails alone is
 *       dropped — one poisoned change can never fold every later change into a failing batch;</li>
 *   <li>another instance took over ({@link StoreFencedException}): writing stops for good.</li>
 * </ul>
 * A dropped change stays in memory (a later change of the same incident writes its whole state); its audit
 * events are named in the log line only. The alarms position is written only once no change before it waits to
 * be written alone, so a crash never stores a position past a change that was not stored.
 */
public final class GroupCommit {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final Vertx vertx;
    private final IncidentStore store;
    private final Duration retryEvery;
    private final Duration failingAfter;
    private final Clock clock;
    private final Consumer<Batch> committed;
    /** What waits to be written, per incident / kept record (and the alarms position), oldest first. */
    private LinkedHashMap<String, Piece> queue = new LinkedHashMap<>();
    private List<Piece> inFlight = List.of();
    private final List<Promise<Void>> drains = new ArrayList<>();
    private boolean writing;
    private Instant failingSince;
    private String lastError;
    private long dropped;
    private volatile boolean fatal;
    private Instant fatalSince;
    private String fatalReason;

    /**
     * @param failingAfter how long a change may wait uncommitted before the store counts as failing
     * @param committed    told about every batch once it is committed (on the caller's context); a throw there
     *                     is logged and changes nothing else
     */
    public GroupCommit(Vertx vertx, IncidentStore store, Duration retryEvery, Duration failingAfter, Clock clock,
                       Consumer<Batch> committed) {
        this.vertx = vertx;
        this.store = store;
        this.retryEvery = retryEvery;
        this.failingAfter = failingAfter;
        this.clock = clock;
        this.committed = committed;
    }

    /** With a 10 s bound before the store counts as failing, on the system clock. */
    public GroupCommit(Vertx vertx, IncidentStore store, Duration retryEvery, Consumer<Batch> committed) {
        this(vertx, store, retryEvery, Duration.ofSeconds(10), Clock.systemUTC(), committed);
    }

    /** Queues changes; {@code alarmOffsets} is the full current position (or empty when unchanged). */
    public Future<Void> submit(List<Incident> changed, List<IncidentEvent> newEvents, List<Kept> changedKept,
                               Map<Integer, Long> alarmOffsets) {
        return submit(changed, newEvents, changedKept, alarmOffsets, List.of(), List.of());
    }

    /**
     * As above, also deleting incidents (by id) and kept records (by {@link Kept#key()}) no longer wanted (a
     * deletion wins over a queued state).
     */
    public Future<Void> submit(List<Incident> changed, List<IncidentEvent> newEvents, List<Kept> changedKept,
                               Map<Integer, Long> alarmOffsets, List<String> goneIncidents, List<String> goneKept) {
        if (fatal) {
            return Future.failedFuture(new StoreFencedException("the incident store is no longer writable: "
                    + fatalReason, null));
        }
        Submission submission = new Submission();
        Instant now = clock.instant();
        for (Incident incident : changed) {
            piece(Piece.incidentKey(incident.id()), now, submission).incident = incident;
        }
        for (IncidentEvent event : newEvents) {
            piece(Piece.incidentKey(event.incidentId()), now, submission).events.add(event);
        }
        for (Kept kept : changedKept) {
            piece(kept.key(), now, submission).kept = kept;
        }
        if (!alarmOffsets.isEmpty()) {
            piece(Piece.OFFSETS, now, submission).offsets = Map.copyOf(alarmOffsets);
        }
        for (String id : goneIncidents) {
            piece(Piece.incidentKey(id), now, submission).remove();
        }
        for (String key : goneKept) {
            piece(key, now, submission).remove();
        }
        if (submission.open == 0) {
            return Future.succeededFuture();
        }
        if (!writing) {
            writeNext();
        }
        return submission.promise.future();
    }

    /** Whether writes have stopped for good (another instance took over). */
    public boolean fatal() {
        return fatal;
    }

    /** Completes once everything submitted so far is committed or given up (or writing has failed for good). */
    public Future<Void> drain() {
        if (!writing && queue.isEmpty()) {
            return Future.succeededFuture();
        }
        Promise<Void> drained = Promise.promise();
        drains.add(drained);
        return drained.future();
    }

    /** The store's state as plain data (see {@link StoreHealth}); READY / FAILING / FAILED, never LOADING. */
    public StoreHealth health() {
        Instant now = clock.instant();
        int pending = 0;
        Instant oldest = null;
        for (Piece piece : pieces()) {
            if (!piece.key.equals(Piece.OFFSETS)) {
                pending++;
            }
            oldest = oldest == null || piece.since.isBefore(oldest) ? piece.since : oldest;
        }
        if (fatal) {
            return new StoreHealth(StoreHealth.State.FAILED, fatalSince, fatalReason, pending, oldest, dropped);
        }
        if (failingSince != null) {
            return new StoreHealth(StoreHealth.State.FAILING, failingSince, lastError, pending, oldest, dropped);
        }
        if (oldest != null && Duration.between(oldest, now).compareTo(failingAfter) > 0) {
            return new StoreHealth(StoreHealth.State.FAILING, oldest, pending + " change(s) not committed for "
                    + Duration.between(oldest, now).toSeconds() + " s (the store does not answer)", pending, oldest,
                    dropped);
        }
        return new StoreHealth(StoreHealth.State.READY, null, null, pending, oldest, dropped);
    }

    // ---- writing -------------------------------------------------------------------------------------------

    private void writeNext() {
        if (queue.isEmpty()) {
            writing = false;
            drains.forEach(Promise::tryComplete);
            drains.clear();
            return;
        }
        writing = true;
        // a change under suspicion is written alone, before anything else; the alarms position only goes with the
        // rest, after them, so that it is never stored ahead of a change it caused
        List<Piece> pieces = queue.values().stream().filter(p -> p.suspect && !p.key.equals(Piece.OFFSETS))
                .findFirst().map(List::of).orElseGet(() -> List.copyOf(queue.values()));
        pieces.forEach(p -> queue.remove(p.key));
        inFlight = pieces;
        Batch batch = batchOf(pieces);
        Future<Void> saved;
        try {
            saved = store.save(batch);
        } catch (RuntimeException e) {
            saved = Future.failedFuture(e);
        }
        saved.onComplete(result -> {
            inFlight = List.of();
            if (result.succeeded()) {
                onSaved(pieces, batch);
            } else {
                onFailed(pieces, result.cause());
            }
        });
    }

    private void onSaved(List<Piece> pieces, Batch batch) {
        if (failingSince != null) {
            LOG.info("incident store writable again (failing since {})", failingSince);
            failingSince = null;
            lastError = null;
        }
        try {
            committed.accept(batch);
        } catch (RuntimeException e) {
            // the batch is committed whatever a listener does with it: never leave the commit "writing"
            LOG.error("after committing {} incident change(s): {}", batch.incidents().size(), e.toString());
        }
        pieces.forEach(p -> p.resolve(null));
        writeNext();
    }

    private void onFailed(List<Piece> pieces, Throwable cause) {
        if (cause instanceof StoreFencedException) {
            stopForGood(pieces, cause);
        } else if (cause instanceof ChangeRefusedException refused && refusesAny(refused, pieces)) {
            List<Piece> rest = new ArrayList<>();
            for (Piece piece : pieces) {
                String why = refusal(refused, piece);
                if (why != null) {
                    drop(piece, why);
                } else {
                    rest.add(piece);
                }
            }
            requeue(rest);
            writeNext();
        } else if (cause instanceof StoreUnavailableException) {
            markFailing(cause);
            requeue(pieces);
            vertx.setTimer(retryEvery.toMillis(), id -> writeNext());
        } else {
            // not known to be one change's fault, nor the store's: find the culprit by writing each change alone
            markFailing(cause);
            List<Piece> again = new ArrayList<>();
            for (Piece piece : pieces) {
                if (piece.suspect && pieces.size() == 1) {
                    drop(piece, cause.toString());
                } else {
                    piece.suspect = true;
                    again.add(piece);
                }
            }
            requeue(again);
            if (again.isEmpty()) {
                writeNext();
            } else {
                vertx.setTimer(retryEvery.toMillis(), id -> writeNext());
            }
        }
    }

    private void drop(Piece piece, String why) {
        dropped++;
        // the failure is this change's, not the store's (the next write says otherwise if it fails too)
        failingSince = null;
        lastError = null;
        String events = piece.events.isEmpty() ? "none" : piece.events.stream()
                .map(e -> e.seq() + " " + e.type()).reduce((a, b) -> a + ", " + b).orElse("");
        LOG.error("incident store: gave up the change of {} (version {}, audit events: {}): {}; it stays in memory and "
                        + "its next change stores its whole state", piece.describe(),
                piece.incident == null ? "-" : piece.incident.version(), events, why);
        piece.resolve("the change of " + piece.describe() + " could not be stored: " + why);
    }

    private void stopForGood(List<Piece> pieces, Throwable cause) {
        fatal = true;
        fatalSince = clock.instant();
        fatalReason = cause.getMessage();
        LOG.error("incident store: {}; this instance stops writing", cause.getMessage());
        List<Piece> all = new ArrayList<>(pieces);
        all.addAll(queue.values());
        queue = new LinkedHashMap<>();
        all.forEach(p -> p.resolve("the incident store is no longer writable: " + cause.getMessage()));
        writing = false;
        drains.forEach(Promise::tryComplete);
        drains.clear();
    }

    private void markFailing(Throwable cause) {
        lastError = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (failingSince == null) {
            failingSince = clock.instant();
            LOG.warn("incident store write failed: {}; changes are kept and written again every {} ms", lastError,
                    retryEvery.toMillis());
        }
    }

    /** Puts pieces back in front of what came since; a newer state of the same incident wins. */
    private void requeue(List<Piece> pieces) {
        LinkedHashMap<String, Piece> merged = new LinkedHashMap<>();
        for (Piece older : pieces) {
            Piece newer = queue.remove(older.key);
            merged.put(older.key, newer == null ? older : older.mergedWith(newer));
        }
        merged.putAll(queue);
        queue = merged;
    }

    private static boolean refusesAny(ChangeRefusedException refused, List<Piece> pieces) {
        return pieces.stream().anyMatch(p -> refusal(refused, p) != null);
    }

    private static String refusal(ChangeRefusedException refused, Piece piece) {
        return piece.isIncident() ? refused.incidents().get(piece.id()) : refused.kept().get(piece.key);
    }

    private Batch batchOf(List<Piece> pieces) {
        List<Incident> incidents = new ArrayList<>();
        List<IncidentEvent> events = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        Map<Integer, Long> offsets = Map.of();
        List<String> goneIncidents = new ArrayList<>();
        List<String> goneKept = new ArrayList<>();
        for (Piece piece : pieces) {
            if (piece.incident != null) {
                incidents.add(piece.incident);
            }
            if (piece.kept != null) {
                kept.add(piece.kept);
            }
            if (piece.offsets != null) {
                offsets = piece.offsets;
            }
            if (piece.removed) {
                if (piece.isIncident()) {
                    goneIncidents.add(piece.id());
                } else {
                    goneKept.add(piece.key);
                }
            }
            events.addAll(piece.events);
        }
        return new Batch(incidents, events, kept, offsets, goneIncidents, goneKept);
    }

    private Piece piece(String key, Instant now, Submission submission) {
        Piece piece = queue.computeIfAbsent(key, k -> new Piece(k, now));
        if (piece.waiting.add(submission)) {
            submission.open++;
        }
        return piece;
    }

    private List<Piece> pieces() {
        List<Piece> all = new ArrayList<>(inFlight);
        all.addAll(queue.values());
        return all;
    }
}
