package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.history.IncidentMarkWriter;
import io.hazardwatch.alerts.report.DutyReport;
import io.hazardwatch.alerts.report.ReportBook;
import io.hazardwatch.alerts.report.ReportCsv;
import io.hazardwatch.alerts.report.ReportPeriod;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The duty reports (issue 21), each handler: who is asking → which period → the report, as JSON or CSV.
 * <ul>
 *   <li>{@code GET /api/reports} — the kept reports (generated on schedule) and the InfluxDB incident writer's counts</li>
 *   <li>{@code GET /api/reports/daily?date=2026-12-05} (default today so far), {@code GET /api/reports/daily.csv}</li>
 *   <li>{@code GET /api/reports/weekly?week=2026-W49} (default this week so far), {@code GET /api/reports/weekly.csv}</li>
 * </ul>
 */
public final class ReportApi {

    /** The list: kept reports newest first, and how the incidents reach InfluxDB. */
    record Listing(String zone, List<ReportBook.Summary> reports, IncidentMarkWriter.Counts incidentMarks) {
    }

    private final ReportBook book;
    private final BooleanSupplier ready;
    private final IncidentMarkWriter marks;

    /** @param marks the InfluxDB writer of incident changes (null: not configured) */
    public ReportApi(ReportBook book, BooleanSupplier ready, IncidentMarkWriter marks) {
        this.book = book;
        this.ready = ready;
        this.marks = marks;
    }

    void routes(Router router) {
        router.route("/api/reports*").handler(this::dutyRoomOnly);
        router.get("/api/reports").handler(ctx -> Responses.json(ctx.response(), 200, new Listing(book.zone().getId(),
                book.list(), marks == null ? null : marks.counts())));
        router.get("/api/reports/daily").handler(ctx -> answer(ctx, this::daily, false));
        router.get("/api/reports/daily.csv").handler(ctx -> answer(ctx, this::daily, true));
        router.get("/api/reports/weekly").handler(ctx -> answer(ctx, this::weekly, false));
        router.get("/api/reports/weekly.csv").handler(ctx -> answer(ctx, this::weekly, true));
    }

    private void dutyRoomOnly(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        if (!ready.getAsBoolean()) {
            Responses.error(ctx.response(), 503, "starting", "incidents are still being loaded; try again shortly");
        } else if (!Access.mayReadReports(user)) {
            IncidentApi.forbid(ctx, user, "read the duty reports (the duty room's)");
        } else {
            ctx.next();
        }
    }

    /** The day of {@code ?date=} (default today, so far). */
    private Optional<DutyReport> daily(RoutingContext ctx) {
        String raw = ctx.queryParams().get("date");
        ReportPeriod period = raw == null || raw.isBlank() ? ReportPeriod.day(book.today(), book.zone())
                : ReportPeriod.parseDay(raw, book.zone());
        return book.report(period, "date");
    }

    /** The ISO week of {@code ?week=} (default this week, so far). */
    private Optional<DutyReport> weekly(RoutingContext ctx) {
        String raw = ctx.queryParams().get("week");
        ReportPeriod period = raw == null || raw.isBlank() ? ReportPeriod.weekOf(book.today(), book.zone())
                : ReportPeriod.parseWeek(raw, book.zone());
        return book.report(period, "week");
    }

    /** The report the request names: 400 for a bad period, 404 for one past the retention that was never kept. */
    private static void answer(RoutingContext ctx, Function<RoutingContext, Optional<DutyReport>> find, boolean csv) {
        Optional<DutyReport> report;
        try {
            report = find.apply(ctx);
        } catch (IllegalArgumentException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        if (report.isEmpty()) {
            Responses.error(ctx.response(), 404, "not_found", "no report of that period was kept, and its incidents"
                    + " are past the retention (alert.retention-days)");
        } else if (csv) {
            DutyReport r = report.get();
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"duty-report-"
                            + r.id().replace('/', '-') + ".csv\"")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(ReportCsv.of(r));
        } else {
            Responses.json(ctx.response(), 200, report.get());
        }
    }
}
