package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.AlarmSource;
import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.deadletter.DeadLetterFeed;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.store.StoreHealth;
import io.hazardwatch.alerts.watchdog.MonitoringView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The duty room's HTTP surface (described in {@code /openapi.yaml}):
 * <ul>
 *   <li>{@code GET /api/alarms/active} — the active alarms the user may see, JSON array in duty order</li>
 *   <li>{@code GET /api/alarms/stream} — Server-Sent Events: {@code snapshot}, then {@code alarm},
 *       {@code incident} and {@code risk} per change</li>
 *   <li>{@code GET /api/monitoring} — the state of each stage of the monitoring chain (the watchdog's view)</li>
 *   <li>incidents, silences, risk states, deliveries: see {@link IncidentApi}</li>
 *   <li>{@code GET /api/dead-letters} — messages the gateway refused in the last 24 h, per enterprise and reason</li>
 *   <li>{@code GET /health} — 200 {@code {"status":"UP"}} while the alarm feed runs and the incident store commits,
 *       else 503 with the reason ({@code incidentStore: "FAILING since <time>: <reason>"}, pending changes)</li>
 *   <li>{@code GET /} — the live alarm page (static files in {@code webroot/})</li>
 * </ul>
 * Everything but {@code /health} and {@code /openapi.yaml} needs a login (HTTP Basic).
 */
public final class AlarmApi {

    private final IncidentEngine engine;
    private final AlarmStream stream;
    private final Supplier<AlarmSource.State> feedState;
    private final BasicAuth auth;
    private final IncidentApi incidents;
    /** The duty-room board's own endpoints (sensor history, park map, chart library); null = none. */
    private BoardApi board;
    /** The gateway's refused messages per enterprise; null = none. */
    private DeadLetterFeed deadLetters;
    /** The watchdog's current view of the monitoring chain; null = no watchdog. */
    private Supplier<MonitoringView> monitoring;

    public AlarmApi(IncidentEngine engine, AlarmStream stream, Supplier<AlarmSource.State> feedState, BasicAuth auth,
                    IncidentApi incidents) {
        this.engine = engine;
        this.stream = stream;
        this.feedState = feedState;
        this.auth = auth;
        this.incidents = incidents;
    }

    /** Also serves {@code GET /api/dead-letters} from this feed; null = not served. */
    public AlarmApi withDeadLetters(DeadLetterFeed deadLetters) {
        this.deadLetters = deadLetters;
        return this;
    }

    /** Also serves the board's endpoints (see {@link BoardApi}). */
    public AlarmApi withBoard(BoardApi board) {
        this.board = board;
        return this;
    }

    /** Also serves {@code GET /api/monitoring} from the watchdog's view. */
    public AlarmApi withMonitoring(Supplier<MonitoringView> view) {
        this.monitoring = view;
        return this;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/health").handler(this::reportHealth);
        router.get("/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                .sendFile("webroot/openapi.yaml"));
        // the body is read before the (asynchronous) login check, which would otherwise lose it
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.route().handler(auth);
        router.get("/api/me").handler(ctx -> Responses.json(ctx.response(), 200, BasicAuth.user(ctx)));
        router.get("/api/alarms/active").handler(this::listActiveAlarms);
        router.get("/api/alarms/stream").handler(this::streamAlarms);
        if (monitoring != null) {
            router.get("/api/monitoring").handler(this::reportMonitoring);
        }
        incidents.routes(router);
        if (board != null) {
            board.routes(router);
        }
        if (deadLetters != null) {
            router.get("/api/dead-letters").handler(this::listDeadLetters);
        }
        router.route("/api/*").handler(ctx -> Responses.error(ctx.response(), 404, "not_found",
                "no such resource: " + ctx.request().method() + " " + ctx.request().path()));
        router.get().handler(StaticHandler.create("webroot"));
        return router;
    }

    void listActiveAlarms(RoutingContext ctx) {
        Responses.json(ctx.response(), 200, visibleActive(BasicAuth.user(ctx)));
    }

    /**
     * The enterprises whose messages the gateway refused in the last 24 h, by reason, that the user may see: a
     * refused safety reading never reached detection.
     */
    void listDeadLetters(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Responses.json(ctx.response(), 200, deadLetters.tally().summary(engine.now()).stream()
                .filter(s -> Access.maySee(user, s.enterprise(), engine.gridCellOf(s.enterprise())))
                .toList());
    }

    void streamAlarms(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        User user = BasicAuth.user(ctx);
        // EventSource sends Last-Event-ID on its own reconnects; the page passes it as a parameter on its own
        String lastEventId = ctx.request().getHeader("Last-Event-ID");
        if (lastEventId == null) {
            lastEventId = ctx.queryParams().get("lastEventId");
        }
        String resumeAfter = lastEventId;
        openEventStream(response)
                .compose(v -> stream.subscribe(response, user, () -> visibleActive(user), resumeAfter))
                .onFailure(e -> response.reset());
    }

    void reportMonitoring(RoutingContext ctx) {
        MonitoringView view = monitoring.get();
        if (view == null) {
            Responses.error(ctx.response(), 503, "not_ready", "the watchdog has not judged the stages yet");
            return;
        }
        User user = BasicAuth.user(ctx);
        Responses.json(ctx.response(), 200, new MonitoringView(view.at(), view.stages(), view.silentEnterprises()
                .stream().filter(s -> Access.maySee(user, s.enterprise(), s.gridCell())).toList()));
    }

    void reportHealth(RoutingContext ctx) {
        AlarmSource.State state = feedState.get();
        StoreHealth store = engine.storeHealth();
        // a store that does not commit means decided messages that are not sent: that is down, not up
        boolean up = state.isRunning() && store.ok();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("alarmFeed", state.name());
        body.put("incidentStore", store.describe());
        body.put("pendingChanges", store.pendingChanges());
        body.put("oldestPendingSeconds", store.oldestPendingSeconds(Instant.now()));
        body.put("droppedChanges", store.droppedChanges());
        Responses.json(ctx.response(), up ? 200 : 503, body);
    }

    private List<ActiveAlarm> visibleActive(User user) {
        return engine.book().active().stream().map(Incident::alarm).filter(a -> Access.maySee(user, a))
                .sorted(ActiveAlarm.DUTY_ORDER).toList();
    }

    private static Future<Void> openEventStream(HttpServerResponse response) {
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                // stops nginx-style proxies from buffering the stream
                .putHeader("X-Accel-Buffering", "no");
        return response.writeHead();
    }
}
