package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.duty.DutyBook;
import io.hazardwatch.alerts.duty.DutyLog;
import io.hazardwatch.alerts.duty.Handover;
import io.hazardwatch.alerts.duty.Slot;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The duty room's shifts (issue 21), each handler: who is asking → may they → do it → answer.
 * <ul>
 *   <li>{@code GET /api/duty/now} — on duty and leading now, the next shift, the pending hand-over</li>
 *   <li>{@code GET /api/duty/roster?from=&to=} — the resolved days (default: this week, Monday to Sunday)</li>
 *   <li>{@code POST /api/duty/swaps} — swap a shift with another officer</li>
 *   <li>{@code GET|POST /api/duty/handovers}, {@code GET /api/duty/handovers/{id}},
 *       {@code POST /api/duty/handovers/{id}/acknowledge}</li>
 *   <li>{@code GET /api/duty/log?from=&to=&q=&enterprise=&limit=}, {@code GET /api/duty/log.csv}</li>
 * </ul>
 */
public final class DutyApi {

    /** The longest roster period one request resolves, in days. */
    static final int ROSTER_DAYS_MAX = 62;
    static final int LOG_LIMIT = 1000;
    static final int HANDOVERS_SHOWN = 50;
    static final List<String> LOG_HEADER = List.of("at", "kind", "subject", "enterprise", "gridCell", "actor", "action",
            "detail");

    /** Who is on duty, as the asking user sees it: with what the server lets them do. */
    record NowView(Instant at, String zone, Slot current, Slot next, HandoverView pending, boolean pendingLate,
                   boolean mayHandOver) {
    }

    /** A hand-over with whether the asking user may acknowledge it and whether it is late to be acknowledged. */
    record HandoverView(Handover handover, boolean late, boolean mayAcknowledge) {
    }

    record RosterView(LocalDate from, LocalDate to, String zone, List<Slot> slots) {
    }

    /** {@code auditRead} false: the incident-event topic could not be read, only the events incidents keep. */
    record LogView(Instant from, Instant to, int count, boolean more, boolean auditRead, List<DutyLog.Entry> entries) {
    }

    private final DutyBook duty;
    private final DutyLog log;
    private final BooleanSupplier ready;

    public DutyApi(DutyBook duty, DutyLog log, BooleanSupplier ready) {
        this.duty = duty;
        this.log = log;
        this.ready = ready;
    }

    void routes(Router router) {
        router.route("/api/duty/*").handler(this::requireReady);
        router.get("/api/duty/now").handler(this::showNow);
        router.get("/api/duty/roster").handler(this::showRoster);
        router.post("/api/duty/swaps").handler(this::swapShift);
        router.get("/api/duty/handovers").handler(this::listHandovers);
        router.post("/api/duty/handovers").handler(this::writeHandover);
        router.get("/api/duty/handovers/:id").handler(ctx -> withHandover(ctx, h -> Responses.json(ctx.response(), 200,
                view(BasicAuth.user(ctx), h))));
        router.post("/api/duty/handovers/:id/acknowledge").handler(this::acknowledge);
        router.get("/api/duty/log").handler(this::searchLog);
        router.get("/api/duty/log.csv").handler(this::exportLog);
    }

    private void requireReady(RoutingContext ctx) {
        if (ready.getAsBoolean()) {
            ctx.next();
        } else {
            Responses.error(ctx.response(), 503, "starting", "the duty records are still being loaded; try again shortly");
        }
    }

    void showNow(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        DutyBook.Now now = duty.onDuty();
        boolean duty = Access.mayHandOver(user);
        Responses.json(ctx.response(), 200, new NowView(now.at(), now.zone(), now.current(), now.next(),
                duty && now.pending() != null ? view(user, now.pending()) : null, duty && now.pendingLate(), duty));
    }

    void showRoster(RoutingContext ctx) {
        ZoneId zone = duty.roster().zone();
        LocalDate today = LocalDate.ofInstant(duty.now(), zone);
        LocalDate monday = today.with(DayOfWeek.MONDAY);
        try {
            LocalDate from = date(ctx.queryParams().get("from"), "from", monday);
            LocalDate to = date(ctx.queryParams().get("to"), "to", from.plusDays(6));
            if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= ROSTER_DAYS_MAX) {
                throw new IllegalArgumentException("to: must be on or after from, at most " + ROSTER_DAYS_MAX + " days");
            }
            Responses.json(ctx.response(), 200, new RosterView(from, to, zone.getId(), duty.days(from, to)));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
        }
    }

    void swapShift(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        if (!Access.maySwapShift(user, false) && !Access.maySwapShift(user, true)) {
            IncidentApi.forbid(ctx, user, "swap shifts");
            return;
        }
        try {
            JsonObject body = IncidentApi.body(ctx);
            DutyBook.SwapRequest request = new DutyBook.SwapRequest(date(body.getString("date"), "date", null),
                    body.getString("shift"), body.getString("withOfficer"),
                    date(body.getString("withDate"), "withDate", null), body.getString("withShift"));
            answer(ctx, 201, duty.swap(request, user.username(), Access.maySwapShift(user, true)));
        } catch (SecurityException e) {
            IncidentApi.forbid(ctx, user, e.getMessage());
        } catch (IllegalArgumentException | ClassCastException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
        }
    }

    void listHandovers(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        if (!Access.mayHandOver(user)) {
            IncidentApi.forbid(ctx, user, "see the hand-overs");
            return;
        }
        Responses.json(ctx.response(), 200, duty.handovers().stream().sorted(Comparator.comparing(Handover::at).reversed())
                .limit(HANDOVERS_SHOWN).map(h -> view(user, h)).toList());
    }

    void writeHandover(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        if (!Access.mayHandOver(user)) {
            IncidentApi.forbid(ctx, user, "write a hand-over");
            return;
        }
        try {
            String notes = IncidentApi.body(ctx).getString("notes");
            answer(ctx, 201, duty.writeHandover(user.username(), notes).map(h -> view(user, h)));
        } catch (IllegalArgumentException | ClassCastException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
        }
    }

    void acknowledge(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        withHandover(ctx, h -> {
            if (!Access.mayAcknowledgeHandover(user, h.by())) {
                IncidentApi.forbid(ctx, user, "acknowledge hand-over " + h.id() + " (written by " + h.by() + ")");
                return;
            }
            try {
                answer(ctx, 200, duty.acknowledge(h.id(), user.username()).map(a -> view(user, a)));
            } catch (IllegalStateException e) {
                Responses.error(ctx.response(), 409, "conflict", e.getMessage());
            }
        });
    }

    void searchLog(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        DutyLog.Query query;
        int limit;
        try {
            query = query(ctx);
            limit = ctx.queryParams().get("limit") == null ? LOG_LIMIT : IncidentApi.limit(ctx);
        } catch (IllegalArgumentException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        log.search(query, e -> Access.maySeeLogEntry(user, e.enterprise(), e.gridCell()), limit + 1).onSuccess(found -> {
            List<DutyLog.Entry> entries = found.entries();
            Responses.json(ctx.response(), 200, new LogView(query.from(), query.to(), Math.min(entries.size(), limit),
                    entries.size() > limit, found.auditRead(), entries.subList(0, Math.min(entries.size(), limit))));
        });
    }

    void exportLog(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        DutyLog.Query query;
        try {
            query = query(ctx);
        } catch (IllegalArgumentException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        log.search(query, x -> Access.maySeeLogEntry(user, x.enterprise(), x.gridCell()), Integer.MAX_VALUE)
                .onSuccess(found -> {
                    StringBuilder csv = new StringBuilder();
                    IncidentCsv.line(csv, LOG_HEADER);
                    for (DutyLog.Entry e : found.entries()) {
                        List<String> row = new ArrayList<>();
                        for (Object field : new Object[] {e.at(), e.kind(), e.subject(), e.enterprise(), e.gridCell(),
                                e.actor(), e.action(), e.detail()}) {
                            row.add(field == null ? "" : field.toString());
                        }
                        IncidentCsv.line(csv, row);
                    }
                    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8; header=present")
                            .putHeader("Content-Disposition", "attachment; filename=\"duty-log.csv\"")
                            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                            .end(csv.toString());
                });
    }

    /** from / to: a park day (yyyy-mm-dd; {@code to} includes its day) or an instant; default the last 24 hours. */
    private DutyLog.Query query(RoutingContext ctx) {
        ZoneId zone = duty.roster().zone();
        String rawFrom = ctx.queryParams().get("from");
        String rawTo = ctx.queryParams().get("to");
        Instant from = rawFrom == null || rawFrom.isBlank() ? duty.now().minus(1, ChronoUnit.DAYS)
                : instant(rawFrom, "from", zone, 0);
        Instant to = rawTo == null || rawTo.isBlank() ? null : instant(rawTo, "to", zone, 1);
        String enterprise = ctx.queryParams().get("enterprise");
        return new DutyLog.Query(from, to, ctx.queryParams().get("q"),
                enterprise == null || enterprise.isBlank() ? null : enterprise);
    }

    private static Instant instant(String raw, String field, ZoneId zone, int plusDays) {
        try {
            return raw.contains("T") ? Instant.parse(raw) : LocalDate.parse(raw).plusDays(plusDays).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": not a date (yyyy-mm-dd) or an instant: " + raw);
        }
    }

    private static LocalDate date(String raw, String field, LocalDate otherwise) {
        if (raw == null || raw.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": not a date (yyyy-mm-dd): " + raw);
        }
    }

    private void withHandover(RoutingContext ctx, java.util.function.Consumer<Handover> then) {
        User user = BasicAuth.user(ctx);
        Handover handover = duty.handover(ctx.pathParam("id")).orElse(null);
        if (handover == null) {
            Responses.error(ctx.response(), 404, "not_found", "no hand-over " + ctx.pathParam("id"));
        } else if (!Access.mayHandOver(user)) {
            IncidentApi.forbid(ctx, user, "see the hand-overs");
        } else {
            then.accept(handover);
        }
    }

    private HandoverView view(User user, Handover h) {
        return new HandoverView(h, h.lateAt(duty.now()), h.acknowledged() == null
                && Access.mayAcknowledgeHandover(user, h.by()));
    }

    /** As the incidents' answers (404, 400, 503). */
    private static void answer(RoutingContext ctx, int status, Future<?> result) {
        IncidentApi.answer(ctx, status, result);
    }
}
