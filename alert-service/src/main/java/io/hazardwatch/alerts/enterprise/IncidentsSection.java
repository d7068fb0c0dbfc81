package io.hazardwatch.alerts.enterprise;

import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.board.BoardRow;
import io.hazardwatch.alerts.incident.Incident;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Section {@code incidents}: the enterprise's open incidents as the board's rows, newest first, and how many
 * were closed in the last {@value #CLOSED_DAYS} days (as far as the incidents' retention keeps them).
 */
public final class IncidentsSection implements EnterpriseSection {

    public static final String NAME = "incidents";
    static final int CLOSED_DAYS = 30;

    /** The page's incidents section. */
    public record Incidents(List<BoardRow> open, long closedLast30Days) {
    }

    private final IncidentEngine engine;

    public IncidentsSection(IncidentEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Future<Object> of(String enterprise, User viewer) {
        return loaded(engine).map(v -> of(engine.book().all(), enterprise, engine.now()));
    }

    /** Fails while the engine is still loading the incidents (a section would show too few). */
    static Future<Void> loaded(IncidentEngine engine) {
        return engine.ready() ? Future.succeededFuture() : Future.failedFuture("incidents are still being loaded");
    }

    /** The section of {@code enterprise} among {@code incidents} (the book's, open and closed) at {@code now}. */
    static Incidents of(Collection<Incident> incidents, String enterprise, Instant now) {
        Instant since = now.minus(Duration.ofDays(CLOSED_DAYS));
        List<Incident> own = incidents.stream().filter(i -> enterprise.equals(i.alarm().enterprise())).toList();
        List<BoardRow> open = own.stream().filter(i -> i.disposal() == null)
                .sorted(Comparator.comparing(Incident::openedAt).reversed()).map(BoardRow::of).toList();
        long closed = own.stream().filter(i -> i.disposal() != null && !i.disposal().at().isBefore(since)).count();
        return new Incidents(open, closed);
    }
}
