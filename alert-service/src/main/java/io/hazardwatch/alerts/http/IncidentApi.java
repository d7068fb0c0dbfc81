package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.IncidentCommands;
import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.incident.DeliveryRecord;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.LifecycleException;
import io.hazardwatch.alerts.incident.TextTooLongException;
import io.hazardwatch.alerts.suppress.Silence;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Incidents, silences, enterprise risk states and delivery status. Every handler reads as: who is asking →
 * may they → do it → answer; refusals are JSON 401/403, unknown ids 404, commands the incident's state does
 * not allow 409.
 */
public final class IncidentApi {

    private static final int DEFAULT_LIMIT = 200;
    private static final Duration LONGEST_SILENCE = Duration.ofDays(30);

    /** One outbox entry with the incident it belongs to. */
    record DeliveryView(String incidentId, String enterprise, String gridCell, DeliveryRecord delivery) {
    }

    private final IncidentEngine engine;
    private final IncidentCommands commands;

    public IncidentApi(IncidentEngine engine, IncidentCommands commands) {
        this.engine = engine;
        this.commands = commands;
    }

    void routes(Router router) {
        router.route("/api/incidents*").handler(this::requireReady);
        router.route("/api/silences*").handler(this::requireReady);
        router.get("/api/incidents").handler(this::listIncidents);
        router.get("/api/incidents/:id").handler(ctx -> withVisible(ctx, i -> Responses.json(ctx.response(), 200,
                IncidentView.detail(i, BasicAuth.user(ctx)))));
        router.post("/api/incidents/:id/acknowledge").handler(ctx -> handle(ctx, 200,
                (user, i) -> commands.acknowledge(i.id(), user.username())));
        router.post("/api/incidents/:id/comments").handler(ctx -> handle(ctx, 201,
                (user, i) -> commands.comment(i.id(), user.username(), body(ctx).getString("text"))));
        router.post("/api/incidents/:id/close").handler(ctx -> handle(ctx, 200, (user, i) -> {
            JsonObject body = body(ctx);
            return commands.close(i.id(), user.username(), body.getString("action"), body.getString("notes"));
        }));
        router.get("/api/deliveries").handler(this::listDeliveries);
        router.get("/api/risk").handler(this::listRisk);
        router.get("/api/silences").handler(this::listSilences);
        router.post("/api/silences").handler(this::addSilence);
        router.delete("/api/silences/:id").handler(this::removeSilence);
    }

    private void requireReady(RoutingContext ctx) {
        if (engine.ready()) {
            ctx.next();
        } else {
            Responses.error(ctx.response(), 503, "starting", "incidents are still being loaded; try again shortly");
        }
    }

    private void listIncidents(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Predicate<Incident> filter = i -> Access.maySee(user, i.alarm());
        filter = filter.and(matchAny(ctx, "status", i -> i.status().name()));
        filter = filter.and(matchAny(ctx, "enterprise", i -> i.alarm().enterprise()));
        filter = filter.and(matchAny(ctx, "gridCell", i -> i.alarm().gridCell()));
        filter = filter.and(matchAny(ctx, "level", i -> i.alarm().level().name()));
        filter = filter.and(matchAny(ctx, "alarmType", i -> i.alarm().alarmType()));
        String open = ctx.queryParams().get("open");
        if (open != null) {
            boolean wantOpen = Boolean.parseBoolean(open);
            filter = filter.and(i -> (i.disposal() == null) == wantOpen);
        }
        int limit = limit(ctx);
        Responses.json(ctx.response(), 200, engine.book().all().stream().filter(filter)
                .sorted(Comparator.comparing(Incident::openedAt).reversed()).limit(limit)
                .map(IncidentView::summary).toList());
    }

    private void listDeliveries(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Predicate<DeliveryRecord> status = d -> true;
        String wanted = ctx.queryParams().get("status");
        if (wanted != null) {
            List<String> statuses = Arrays.asList(wanted.split(","));
            status = d -> statuses.contains(d.status().name());
        }
        Predicate<DeliveryRecord> byStatus = status;
        Responses.json(ctx.response(), 200, engine.book().all().stream()
                .filter(i -> Access.maySee(user, i.alarm()))
                .flatMap(i -> i.deliveries().stream().filter(byStatus)
                        .map(d -> new DeliveryView(i.id(), i.alarm().enterprise(), i.alarm().gridCell(),
                                Access.asSeenBy(user, d))))
                .sorted(Comparator.comparing((DeliveryView v) -> v.delivery().queuedAt()).reversed())
                .limit(limit(ctx)).toList());
    }

    private void listRisk(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Responses.json(ctx.response(), 200, engine.riskStates().stream()
                .filter(r -> Access.maySee(user, r.enterprise(), r.gridCell())).toList());
    }

    private void listSilences(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Instant now = engine.now();
        Responses.json(ctx.response(), 200, commands.silences().stream()
                .filter(s -> !s.expiredAt(now) || "true".equals(ctx.queryParams().get("all")))
                .filter(s -> Access.mayManageSilencesOf(user, s.enterprise(), engine.gridCellOf(s.enterprise())))
                .toList());
    }

    private void addSilence(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        if (user.role() == io.hazardwatch.alerts.auth.Role.ENTERPRISE) {
            forbid(ctx, user, "create silences");
            return;
        }
        Silence silence;
        try {
            silence = silenceFrom(body(ctx), user);
        } catch (IllegalArgumentException | DecodeException | DateTimeParseException | ClassCastException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        if (!Access.mayManageSilencesOf(user, silence.enterprise(), engine.gridCellOf(silence.enterprise()))) {
            forbid(ctx, user, "create silences for enterprise " + silence.enterprise() + " (not in their grid cells)");
            return;
        }
        answer(ctx, 201, commands.addSilence(silence));
    }

    private void removeSilence(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Silence existing = commands.silences().stream().filter(s -> s.id().equals(ctx.pathParam("id"))).findFirst()
                .orElse(null);
        String enterprise = existing == null ? null : existing.enterprise();
        if (user.role() == io.hazardwatch.alerts.auth.Role.ENTERPRISE || (existing != null
                && !Access.mayManageSilencesOf(user, enterprise, engine.gridCellOf(enterprise)))) {
            forbid(ctx, user, "remove silences" + (enterprise == null ? "" : " of enterprise " + enterprise));
            return;
        }
        answer(ctx, 200, commands.removeSilence(ctx.pathParam("id"), user.username()));
    }

    private Silence silenceFrom(JsonObject body, User user) {
        String enterprise = body.getString("enterprise");
        String reason = body.getString("reason");
        if (enterprise == null || enterprise.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("enterprise and reason are required");
        }
        Instant now = engine.now();
        Instant from = body.getString("from") == null ? now : Instant.parse(body.getString("from"));
        Instant until = body.getString("until") != null ? Instant.parse(body.getString("until"))
                : body.getInteger("minutes") != null ? from.plus(Duration.ofMinutes(body.getInteger("minutes"))) : null;
        if (until == null || !until.isAfter(from) || Duration.between(from, until).compareTo(LONGEST_SILENCE) > 0) {
            throw new IllegalArgumentException("until (or minutes) is required, after from, at most 30 days later");
        }
        return new Silence("sil-" + UUID.randomUUID().toString().substring(0, 8), enterprise, body.getString("device"),
                body.getString("sensor"), body.getString("alarmType"), from, until, reason, user.username(), now, false);
    }

    /** Who → may they see it → may they act on it → do it → answer with the incident. */
    private void handle(RoutingContext ctx, int status, Command command) {
        withVisible(ctx, incident -> {
            User user = BasicAuth.user(ctx);
            if (!Access.mayHandle(user, incident.alarm())) {
                forbid(ctx, user, "change incidents");
                return;
            }
            Future<Incident> done;
            try {
                done = command.run(user, incident);
            } catch (DecodeException | ClassCastException e) {
                Responses.error(ctx.response(), 400, "bad_request", "body must be a JSON object: " + e.getMessage());
                return;
            }
            answer(ctx, status, done.map(i -> IncidentView.detail(i, user)));
        });
    }

    private interface Command {
        Future<Incident> run(User user, Incident incident);
    }

    private void withVisible(RoutingContext ctx, java.util.function.Consumer<Incident> then) {
        withVisible(ctx, engine, then);
    }

    /** The incident of the path's {@code :id} if the caller may see it; else 404 or 403 is answered. */
    static void withVisible(RoutingContext ctx, IncidentEngine engine, java.util.function.Consumer<Incident> then) {
        User user = BasicAuth.user(ctx);
        Incident incident = engine.book().get(ctx.pathParam("id")).orElse(null);
        if (incident == null) {
            Responses.error(ctx.response(), 404, "not_found", "no incident " + ctx.pathParam("id"));
        } else if (!Access.maySee(user, incident.alarm())) {
            // 403, not 404: the duty room wants a refusal to read as a refusal
            forbid(ctx, user, "see incidents of enterprise " + incident.alarm().enterprise());
        } else {
            then.accept(incident);
        }
    }

    static void answer(RoutingContext ctx, int status, Future<?> result) {
        result.onSuccess(value -> Responses.json(ctx.response(), status, value)).onFailure(e -> {
            if (e instanceof NoSuchElementException) {
                Responses.error(ctx.response(), 404, "not_found", e.getMessage());
            } else if (e instanceof TextTooLongException) {
                Responses.error(ctx.response(), 413, "too_long", e.getMessage());
            } else if (e instanceof LifecycleException) {
                Responses.error(ctx.response(), 409, "conflict", e.getMessage());
            } else if (e instanceof IllegalArgumentException) {
                Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            } else {
                Responses.error(ctx.response(), 503, "unavailable", "could not store the change: " + e.getMessage());
            }
        });
    }

    static void forbid(RoutingContext ctx, User user, String what) {
        Responses.error(ctx.response(), 403, "forbidden", "user " + user.username() + " (" + user.role()
                + ") may not " + what);
    }

    static JsonObject body(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        return text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
    }

    private static Predicate<Incident> matchAny(RoutingContext ctx, String param, Function<Incident, String> field) {
        String value = ctx.queryParams().get(param);
        if (value == null || value.isBlank()) {
            return i -> true;
        }
        List<String> values = Arrays.asList(value.split(","));
        return i -> values.contains(field.apply(i));
    }

    static int limit(RoutingContext ctx) {
        try {
            String raw = ctx.queryParams().get("limit");
            return raw == null ? DEFAULT_LIMIT : Math.max(1, Math.min(10_000, Integer.parseInt(raw)));
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }
}
