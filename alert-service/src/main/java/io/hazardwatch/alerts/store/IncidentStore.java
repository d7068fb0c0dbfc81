package io.hazardwatch.alerts.store;

import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Where incidents, their audit events, the records kept beside them ({@link Kept}: silences, hidden dangers, ...)
 * and the position in the alarms topic are kept across restarts. The Kafka version is {@link KafkaIncidentStore}.
 *
 * <p>A {@link Batch} is written atomically: either all of it (incident states, events, kept records and alarm
 * offsets) becomes visible to {@link #load()}, or none of it. That is what makes one alarm transition have
 * exactly one effect: its incident change and the offset after it are committed together.
 */
public interface IncidentStore {

    /** Everything needed to resume: the newest state of each incident and kept record, and where to resume the alarms topic. */
    record Snapshot(List<Incident> incidents, List<Kept> kept, Map<Integer, Long> alarmOffsets) {

        /** The kept records of one kind, as {@code type}. */
        public <T> List<T> kept(String kind, Class<T> type) {
            return kept.stream().filter(k -> k.kind().equals(kind)).map(k -> k.as(type)).toList();
        }
    }

    /**
     * One atomic write. {@code alarmOffsets}: per partition of the alarms topic, the next offset to read;
     * {@code removedIncidents}: ids past their retention, {@code removedKept}: keys ({@link Kept#key()}) of kept
     * records no longer wanted, deleted (tombstoned).
     */
    record Batch(List<Incident> incidents, List<IncidentEvent> events, List<Kept> kept,
                 Map<Integer, Long> alarmOffsets, List<String> removedIncidents, List<String> removedKept) {

        public Batch(List<Incident> incidents, List<IncidentEvent> events, List<Kept> kept,
                     Map<Integer, Long> alarmOffsets) {
            this(incidents, events, kept, alarmOffsets, List.of(), List.of());
        }
    }

    /**
     * Reads the stored state. Fails if the store cannot be reached or read; the caller retries. Also fences
     * off any earlier instance still writing (only one writer is ever active).
     */
    Future<Snapshot> load();

    /**
     * Writes one batch atomically; fails if it was not written (nothing of it is then visible), saying why, so
     * that {@link GroupCommit} can keep one bad change from holding back the others:
     * {@link ChangeRefusedException} naming the changes that can never be written (the rest may be written
     * without them), {@link StoreUnavailableException} when the same batch may succeed later (broker away,
     * timeout), {@link StoreFencedException} when this instance may no longer write. Anything else counts as not
     * known to be either: each change is then tried alone.
     */
    Future<Void> save(Batch batch);

    Future<Void> close();
}
