package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.AlarmSource;
import io.hazardwatch.alerts.board.ActiveAlarmBoard;
import io.hazardwatch.model.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The duty room's HTTP surface:
 * <ul>
 *   <li>{@code GET /api/alarms/active} — the active alarms, JSON array in duty order</li>
 *   <li>{@code GET /api/alarms/stream} — Server-Sent Events: {@code snapshot}, then {@code alarm} per change</li>
 *   <li>{@code GET /health} — 200 {@code {"status":"UP"}} while the alarm feed is running, else 503</li>
 *   <li>{@code GET /} — the live alarm page (static files in {@code webroot/})</li>
 * </ul>
 */
public final class AlarmApi {

    private static final String JSON = "application/json; charset=utf-8";

    private final ActiveAlarmBoard board;
    private final AlarmStream stream;
    private final Supplier<AlarmSource.State> feedState;

    public AlarmApi(ActiveAlarmBoard board, AlarmStream stream, Supplier<AlarmSource.State> feedState) {
        this.board = board;
        this.stream = stream;
        this.feedState = feedState;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/api/alarms/active").handler(this::listActiveAlarms);
        router.get("/api/alarms/stream").handler(this::streamAlarms);
        router.get("/health").handler(this::reportHealth);
        router.get().handler(StaticHandler.create("webroot"));
        return router;
    }

    void listActiveAlarms(RoutingContext ctx) {
        respondJson(ctx.response(), 200, Json.toString(board.snapshot()));
    }

    void streamAlarms(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        openEventStream(response)
                .compose(v -> stream.subscribe(response, board.snapshot()))
                .onFailure(e -> response.reset());
    }

    void reportHealth(RoutingContext ctx) {
        AlarmSource.State state = feedState.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", state.isRunning() ? "UP" : "DOWN");
        body.put("alarmFeed", state.name());
        respondJson(ctx.response(), state.isRunning() ? 200 : 503, Json.toString(body));
    }

    private static Future<Void> openEventStream(HttpServerResponse response) {
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                // stops nginx-style proxies from buffering the stream
                .putHeader("X-Accel-Buffering", "no");
        return response.writeHead();
    }

    private static void respondJson(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }
}
