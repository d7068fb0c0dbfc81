package io.hazardwatch.alerts.duty;

import io.hazardwatch.alerts.incident.IncidentEvent;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * The incidents' complete audit (every event, also those an incident no longer keeps and those of incidents removed
 * after their retention), read for a period. Fails when the audit cannot be read in time (the broker is away); the
 * duty log then shows what the incidents kept.
 */
public interface IncidentAudit {

    /** No audit beyond what the incidents keep (a store without an event log, e.g. in tests). */
    IncidentAudit NONE = (from, to, max) -> Future.succeededFuture(List.of());

    /** The events with {@code from <= at < to} (to null: up to now), oldest first, at most {@code max}. */
    Future<List<IncidentEvent>> read(Instant from, Instant to, int max);
}
