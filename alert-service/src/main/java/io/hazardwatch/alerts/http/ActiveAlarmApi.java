package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.board.AlarmStream;
import io.hazardwatch.alerts.board.BoardRow;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentBook;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The active alarms the user may see: {@code GET /api/alarms/active} (JSON array in duty order) and
 * {@code GET /api/alarms/stream} (Server-Sent Events: {@code snapshot} (the board's rows), then {@code alarm}, {@code incident} and
 * {@code risk} per change, through the {@link AlarmStream}).
 */
public final class ActiveAlarmApi {

    private final IncidentBook book;
    private final AlarmStream stream;

    public ActiveAlarmApi(IncidentBook book, AlarmStream stream) {
        this.book = book;
        this.stream = stream;
    }

    void listActiveAlarms(RoutingContext ctx) {
        Responses.json(ctx.response(), 200, visibleActive(BasicAuth.user(ctx)));
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
                .compose(v -> stream.subscribe(response, user,
                        () -> BoardRow.of(book.open(), a -> Access.maySee(user, a)), resumeAfter))
                .onFailure(e -> response.reset());
    }

    private List<ActiveAlarm> visibleActive(User user) {
        return book.active().stream().map(Incident::alarm).filter(a -> Access.maySee(user, a))
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
