package io.hazardwatch.alerts.report;

import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.history.IncidentMarkWriter;
import io.hazardwatch.alerts.http.ReportApi;
import io.hazardwatch.alerts.store.CommitTracker;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Wires the duty reports (issue 21) for the composition root: the report book kept beside the incidents and checked
 * on schedule once the store is resumed, the InfluxDB writer of incident changes (if {@code influx.incidents}), and
 * their API.
 */
public final class Reports {

    /** How often the reports' schedule is checked. */
    static final Duration CHECK = Duration.ofSeconds(30);

    private Reports() {
    }

    public static ReportApi wire(Vertx vertx, AlertServiceConfig config, ZoneId parkZone, IncidentEngine engine,
                                 CommitTracker commits, ReportBook.Sources sources, Clock clock) {
        IncidentMarkWriter marks = null;
        if (config.reports().influxMarks()) {
            marks = new IncidentMarkWriter(config.influxUrl(), config.influxDatabase(), config.reports().influxBuffer(),
                    config.reports().marksLogin());
            engine.addListener(marks);
        }
        ReportBook book = new ReportBook(parkZone, config.reports().dailyAt(), config.retention(), sources,
                kept -> commits.within(commits.keep(kept), config.limits().commandWait()),
                keys -> commits.delete(List.of(), keys), clock);
        engine.whenResumed(snapshot -> {
            book.resume(snapshot.kept(DutyReport.KIND, DutyReport.class));
            book.startChecking(vertx, CHECK, config.reports().demoAfter());
        });
        return new ReportApi(book, engine::ready, marks);
    }
}
