package io.hazardwatch.alerts.commitment;

import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.board.AlarmStream;
import io.hazardwatch.alerts.board.BoardRow;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.store.CommitTracker;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile.HazardUnit;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/**
 * The daily safety commitment's part of the object graph (called once by the composition root): the rules from the
 * registry and config, the book resumed with the incidents, the periodic check of missing commitments on the
 * service's context, and the live board's rows marked with their unit's declared state.
 */
public final class Commitments {

    private Commitments() {
    }

    /**
     * Wires the commitments into {@code engine} and {@code stream}; their book (for the API). {@code parkZone}: the
     * park's time zone (the alerting policy's {@code timezone}), in which its days begin and deadlines are read.
     */
    public static CommitmentBook wire(Vertx vertx, AlertServiceConfig config, java.time.ZoneId parkZone,
                                      Registry registry, IncidentEngine engine, CommitTracker commits,
                                      AlarmStream stream, Clock clock) {
        CommitmentRules rules = new CommitmentRules(config.commitments(), parkZone,
                registry.enterprises().stream().map(e -> CommitmentRules.site(config.commitments(), e.id(), e.name(),
                        e.gridCell(), e.majorHazards() == null ? List.of()
                                : e.majorHazards().stream().map(HazardUnit::unit).toList())).toList());
        CommitmentBook book = new CommitmentBook(rules, commits, config.limits().commandWait(), clock);
        MissingCommitments missing = new MissingCommitments(book, engine, clock);
        stream.withRowMarks(new UnitMarks(registry::unitOf, book, clock));
        // a change of the declaration redraws the enterprise's open rows with their new marks
        book.onChange(c -> {
            engine.book().open().stream().filter(i -> c.enterprise().equals(i.alarm().enterprise()))
                    .forEach(i -> stream.publishIncident(BoardRow.of(i)));
            vertx.runOnContext(v -> missing.check());
        });
        boolean[] started = {false};
        engine.whenResumed(snapshot -> {
            book.resume(snapshot);
            if (!started[0]) {
                started[0] = true;
                // called on the service's context: the timer runs there too (and ends with its undeployment)
                vertx.setPeriodic(config.tick().toMillis(), id -> {
                    missing.check();
                    book.forgetBefore(rules.today(clock.instant()).minusDays(config.retention().toDays()));
                });
            }
        });
        return book;
    }
}
