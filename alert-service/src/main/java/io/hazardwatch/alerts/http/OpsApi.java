package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.incident.DeliveryStatus;
import io.hazardwatch.alerts.outbox.MessageLog;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Issue 21 (ops): {@code GET /api/settings} — what every page needs once, the park's time zone (the alerting policy's
 * {@code timezone}, its one author); {@code GET /api/messages} — the Messages page: every message that went or would
 * go out, filtered by {@code recipient}, {@code channel}, {@code status}, newest first ({@code limit}).
 */
public final class OpsApi {

    /** What the board reads once at start. */
    public record Settings(String timezone, String offset) {
    }

    private final IncidentEngine engine;
    private final ZoneId zone;
    private final io.hazardwatch.alerts.outbox.NotificationText texts;
    private final Clock clock;

    /** @param texts renders the messages as the recipients read them (without acknowledge links: see MessageLog) */
    public OpsApi(IncidentEngine engine, ZoneId zone, io.hazardwatch.alerts.outbox.NotificationText texts, Clock clock) {
        this.engine = engine;
        this.zone = zone;
        this.texts = texts;
        this.clock = clock;
    }

    void routes(Router router) {
        router.get("/api/settings").handler(ctx -> Responses.json(ctx.response(), 200, new Settings(zone.getId(),
                zone.getRules().getOffset(clock.instant()).getId().replace("Z", "+00:00"))));
        router.get("/api/messages").handler(this::listMessages);
    }

    private void listMessages(RoutingContext ctx) {
        if (!engine.ready()) {
            Responses.error(ctx.response(), 503, "starting", "incidents are still being loaded; try again shortly");
            return;
        }
        User user = BasicAuth.user(ctx);
        DeliveryStatus status;
        String wanted = ctx.queryParams().get("status");
        try {
            status = wanted == null || wanted.isBlank() ? null : DeliveryStatus.valueOf(wanted.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx.response(), 400, "bad_request", "status must be one of QUEUED, SENT, DELIVERED, RETRYING,"
                    + " FAILED, was " + wanted);
            return;
        }
        MessageLog.Filter filter = new MessageLog.Filter(ctx.queryParams().get("recipient"),
                ctx.queryParams().get("channel"), status);
        Responses.json(ctx.response(), 200, MessageLog.page(engine.book().all(),
                (incident, d) -> Access.maySeeMessage(user, incident.alarm(), d.purpose()), filter,
                IncidentApi.limit(ctx), texts));
    }
}
