package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.IncidentCommands;
import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.incident.DispatchReply;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.web.Responses;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.dispatch.DedupKey;
import io.hazardwatch.notify.signing.WebhookSignature;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/dispatch/callback}: the emergency dispatch centre tells us it took an incident's call and which
 * unit it sent. No login: the request is signed like the ones we send it ({@link WebhookSignature} with the dispatch
 * secret, headers {@code X-HW-Timestamp} and {@code X-HW-Signature}); a stale timestamp is refused as a replay. The
 * body names the incident by the dedup key every message about it carried ({@code dedup_key}) or by its id
 * ({@code incident_key}), the {@code status} ({@code acknowledged} or {@code unit_assigned}), the {@code unit} and
 * when ({@code at}, ISO-8601; default now). The answer is recorded on the incident, audited, and shown on its row.
 */
public final class DispatchCallbackApi {

    /** How far a callback's timestamp may be from our clock. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final IncidentEngine engine;
    private final IncidentCommands commands;
    private final Secret secret;
    private final Clock clock;

    public DispatchCallbackApi(IncidentEngine engine, IncidentCommands commands, Secret secret, Clock clock) {
        this.engine = engine;
        this.commands = commands;
        this.secret = secret;
        this.clock = clock;
    }

    /** Mounted ahead of the login check (the signature is the credential), after the body handler. */
    void routes(Router router) {
        router.post("/api/dispatch/callback").handler(this::receiveCallback);
    }

    private void receiveCallback(RoutingContext ctx) {
        String body = ctx.body() == null ? "" : ctx.body().asString();
        String refused = refusal(ctx.request().getHeader("X-HW-Timestamp"), ctx.request().getHeader("X-HW-Signature"), body);
        if (refused != null) {
            Responses.error(ctx.response(), 403, "forbidden", refused);
            return;
        }
        if (!engine.ready()) {
            Responses.error(ctx.response(), 503, "starting", "incidents are still being loaded; try again shortly");
            return;
        }
        JsonObject json;
        DispatchReply reply;
        Optional<Incident> incident;
        try {
            json = new JsonObject(body);
            reply = reply(json);
            incident = incidentOf(json);
        } catch (DecodeException | ClassCastException e) {
            Responses.error(ctx.response(), 400, "bad_request", "body must be a JSON object: " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        if (incident.isEmpty()) {
            Responses.error(ctx.response(), 404, "not_found", "no incident with dedup_key/incident_key "
                    + Optional.ofNullable(json.getString("dedup_key")).orElse(json.getString("incident_key")));
            return;
        }
        IncidentApi.answer(ctx, 200, commands.recordDispatchReply(incident.get().id(), reply).map(IncidentView::summary));
    }

    /** Why the request is not from dispatch (bad or missing signature, stale timestamp), or null when it is. */
    String refusal(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null) {
            return "the callback must be signed (X-HW-Timestamp, X-HW-Signature)";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "X-HW-Timestamp must be Unix seconds";
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            return "X-HW-Timestamp is more than " + MAX_SKEW.toMinutes() + " minutes from now (a replay?)";
        }
        return WebhookSignature.verify(secret.reveal(), timestamp.trim(), body, signature) ? null
                : "X-HW-Signature does not match the body";
    }

    private DispatchReply reply(JsonObject json) {
        String status = json.getString("status");
        if (status == null || status.isBlank()) {
            throw new IllegalArgumentException("status is required: acknowledged or unit_assigned");
        }
        DispatchReply.Status parsed;
        try {
            parsed = DispatchReply.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be acknowledged or unit_assigned, was " + status);
        }
        Instant now = clock.instant();
        Instant at;
        try {
            at = json.getString("at") == null ? now : Instant.parse(json.getString("at"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("at must be an ISO-8601 instant, was " + json.getString("at"));
        }
        return new DispatchReply(parsed, json.getString("unit"), at, now);
    }

    private Optional<Incident> incidentOf(JsonObject json) {
        String id = json.getString("incident_key");
        if (id != null) {
            return engine.book().get(id);
        }
        String key = json.getString("dedup_key");
        if (key == null) {
            throw new IllegalArgumentException("dedup_key (or incident_key) is required");
        }
        return engine.book().all().stream().filter(i -> DedupKey.of(i.id()).equals(key)).findFirst();
    }
}
