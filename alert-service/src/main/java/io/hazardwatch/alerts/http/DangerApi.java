package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.Role;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.danger.DangerAction;
import io.hazardwatch.alerts.danger.DangerCsv;
import io.hazardwatch.alerts.danger.DangerRegister;
import io.hazardwatch.alerts.danger.DangerRegister.NewDanger;
import io.hazardwatch.alerts.danger.DangerSettings;
import io.hazardwatch.alerts.danger.DangerSource;
import io.hazardwatch.alerts.danger.HiddenDanger;
import io.hazardwatch.alerts.danger.Severity;
import io.hazardwatch.alerts.danger.SupervisionLevel;
import io.hazardwatch.alerts.danger.TargetReport;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The hidden-danger register (隐患): list, report, show, move along the lifecycle, the year's targets, CSV export.
 * Every handler reads as: who is asking → may they → do it → answer; refusals 403, unknown ids 404, bad input 400
 * naming the field, a move the status does not allow 409 (the helpers of {@link IncidentApi}).
 */
public final class DangerApi {

    private final DangerRegister register;
    private final BooleanSupplier ready;
    private final DangerSettings settings;
    private final ZoneId zone;

    /** @param ready whether the stored state is loaded (before that: 503) */
    public DangerApi(DangerRegister register, BooleanSupplier ready, DangerSettings settings, ZoneId zone) {
        this.register = register;
        this.ready = ready;
        this.settings = settings;
        this.zone = zone;
    }

    void routes(Router router) {
        router.route("/api/dangers*").handler(ctx -> {
            if (ready.getAsBoolean()) {
                ctx.next();
            } else {
                Responses.error(ctx.response(), 503, "starting", "hidden dangers are still being loaded; try again shortly");
            }
        });
        router.get("/api/dangers").handler(ctx -> Responses.json(ctx.response(), 200, visible(ctx).stream()
                .sorted(Comparator.comparing(HiddenDanger::createdAt).reversed()).limit(IncidentApi.limit(ctx))
                .map(d -> DangerView.of(d, BasicAuth.user(ctx))).toList()));
        router.get("/api/dangers/targets").handler(ctx -> Responses.json(ctx.response(), 200,
                TargetReport.of(visible(ctx), settings.targets(), zone, register.now())));
        router.get("/api/dangers/export.csv").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"hidden-dangers.csv\"")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(DangerCsv.of(visible(ctx).stream().sorted(Comparator.comparing(HiddenDanger::createdAt)).toList(), zone)));
        router.post("/api/dangers").handler(this::report);
        router.get("/api/dangers/:id").handler(ctx -> withVisible(ctx, d -> Responses.json(ctx.response(), 200,
                DangerView.of(d, BasicAuth.user(ctx)))));
        router.post("/api/dangers/:id/:action").handler(this::move);
    }

    /** The dangers this user may see, filtered by {@code enterprise}, {@code gridCell}, {@code status}, {@code overdue}. */
    private List<HiddenDanger> visible(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Predicate<HiddenDanger> filter = d -> Access.maySee(user, d.enterprise(), d.gridCell());
        filter = filter.and(anyOf(ctx, "enterprise", HiddenDanger::enterprise));
        filter = filter.and(anyOf(ctx, "gridCell", HiddenDanger::gridCell));
        filter = filter.and(anyOf(ctx, "status", d -> d.status().name()));
        filter = filter.and(anyOf(ctx, "severity", d -> d.severity().name()));
        String overdue = ctx.queryParams().get("overdue");
        if (overdue != null && !overdue.isBlank()) {
            boolean wanted = Boolean.parseBoolean(overdue);
            filter = filter.and(d -> d.overdueNow() == wanted);
        }
        return register.all().stream().filter(filter).toList();
    }

    // ---- report ----------------------------------------------------------------------------------------------

    private void report(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        NewDanger request;
        try {
            request = newDanger(IncidentApi.body(ctx), user);
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        String gridCell = register.gridCellOf(request.enterprise());
        if (gridCell == null && request.enterprise() != null && user.role() != Role.ENTERPRISE) {
            Responses.error(ctx.response(), 400, "bad_request", "enterprise: '" + request.enterprise()
                    + "' is not in the registry");
            return;
        }
        boolean self = request.source() == DangerSource.SELF_REPORT;
        if (request.source() == DangerSource.ALARM_PATTERN
                || !Access.mayReportDanger(user, request.enterprise(), gridCell, self)) {
            IncidentApi.forbid(ctx, user, "report " + request.source() + " hidden dangers of enterprise "
                    + request.enterprise());
            return;
        }
        IncidentApi.answer(ctx, 201, register.report(request, user.username()).map(d -> DangerView.of(d, user)));
    }

    private NewDanger newDanger(JsonObject body, User user) {
        String enterprise = body.getString("enterprise");
        if ((enterprise == null || enterprise.isBlank()) && user.role() == Role.ENTERPRISE) {
            enterprise = user.enterprise();
        }
        DangerSource source = enumOf(DangerSource.class, body.getString("source"), "source",
                switch (user.role()) {
                    case ENTERPRISE -> DangerSource.SELF_REPORT;
                    case GRID_STAFF -> DangerSource.INSPECTION;
                    case DUTY_OFFICER, ADMIN -> DangerSource.DUTY_ROOM;
                });
        Instant deadline;
        try {
            deadline = body.getString("deadline") != null ? Instant.parse(body.getString("deadline"))
                    : body.getInteger("deadlineDays") != null
                    ? register.now().plus(Duration.ofDays(body.getInteger("deadlineDays"))) : null;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("deadline: not an ISO-8601 instant (e.g. 2026-12-20T10:00:00Z)");
        }
        JsonArray incidents = body.getJsonArray("incidentIds");
        return new NewDanger(enterprise, body.getString("unit"), body.getString("title"), body.getString("description"),
                enumOf(Severity.class, body.getString("severity"), "severity", null), source,
                incidents == null ? List.of() : incidents.stream().map(String::valueOf).toList(),
                body.getString("taskId"), body.getString("measures"), deadline, body.getString("responsible"));
    }

    // ---- move ------------------------------------------------------------------------------------------------

    /** Who → may they see it → is there such a move → may they make it → make it → answer with the danger. */
    private void move(RoutingContext ctx) {
        withVisible(ctx, danger -> {
            User user = BasicAuth.user(ctx);
            DangerAction action = DangerAction.ofPath(ctx.pathParam("action")).orElse(null);
            if (action == null) {
                Responses.error(ctx.response(), 404, "not_found", "no such move on a hidden danger: "
                        + ctx.pathParam("action"));
                return;
            }
            JsonObject body;
            SupervisionLevel level;
            try {
                body = IncidentApi.body(ctx);
                level = enumOf(SupervisionLevel.class, body.getString("level"), "level", null);
            } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
                Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
                return;
            }
            boolean permitted = action == DangerAction.SUPERVISE
                    ? action.permitted(user, danger) && Access.maySuperviseDanger(user, danger.enterprise(),
                    danger.gridCell(), level == SupervisionLevel.CITY)
                    : action.permitted(user, danger);
            if (!permitted) {
                IncidentApi.forbid(ctx, user, action.path() + " hidden danger " + danger.id()
                        + (level == SupervisionLevel.CITY ? " at CITY level" : ""));
                return;
            }
            IncidentApi.answer(ctx, 200, make(action, danger.id(), body, level, user.username())
                    .map(d -> DangerView.of(d, user)));
        });
    }

    private Future<HiddenDanger> make(DangerAction action, String id, JsonObject body, SupervisionLevel level,
                                      String who) {
        String text = body.getString("text");
        return register.change(id, d -> {
            Instant now = register.now();
            return switch (action) {
                case START -> d.start(who, body.getString("measures"), body.getString("responsible"), now);
                case PROGRESS -> d.progress(who, text, now);
                case SUBMIT -> d.submit(who, text, now);
                case ACCEPT -> d.accept(who, text, now);
                case SEND_BACK -> d.sendBack(who, text, now);
                case CLOSE -> d.close(who, text, now);
                case SUPERVISE -> d.supervise(who, level, now);
            };
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void withVisible(RoutingContext ctx, java.util.function.Consumer<HiddenDanger> then) {
        User user = BasicAuth.user(ctx);
        HiddenDanger danger = register.get(ctx.pathParam("id")).orElse(null);
        if (danger == null) {
            Responses.error(ctx.response(), 404, "not_found", "no hidden danger " + ctx.pathParam("id"));
        } else if (!Access.maySee(user, danger.enterprise(), danger.gridCell())) {
            IncidentApi.forbid(ctx, user, "see hidden dangers of enterprise " + danger.enterprise());
        } else {
            then.accept(danger);
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field, E otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": invalid value '" + value + "' (one of: "
                    + Arrays.toString(type.getEnumConstants()) + ")");
        }
    }

    private static Predicate<HiddenDanger> anyOf(RoutingContext ctx, String param,
                                                 java.util.function.Function<HiddenDanger, String> field) {
        String value = ctx.queryParams().get(param);
        if (value == null || value.isBlank()) {
            return d -> true;
        }
        List<String> values = Arrays.asList(value.split(","));
        return d -> values.contains(field.apply(d));
    }
}
