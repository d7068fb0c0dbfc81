package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.IncidentCommands;
import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.incident.DispatchReply;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.web.Responses;
import io.hazardwatch.notify.config.Secret;
import io.hazardwatch.notify.dispatch.DedupKey;
import io.hazardwatch.notify.signing.EventVerifier;
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
 * unit it sent. No login: the request is signed like the ones we send it ({@link WebhookSignature#signEvent} with the
 * dispatch secret over timestamp, {@code Idempotency-Key} and body; headers {@code X-HW-Timestamp},
 * {@code Idempotency-Key}, {@code X-HW-Signature}) and checked by an {@link EventVerifier}: a stale timestamp is refused
 * (403), a key taken before within the replay window is answered 409 (we have it already); a callback that is not
 * recorded after all (bad body, unknown incident, store failure) gives its key back for the retry. The
 * body names the incident by the dedup key every message about it carried ({@code dedup_key}) or by its id
 * ({@code incident_key}), the {@code status} ({@code acknowledged} or {@code unit_assigned}), the {@code unit} and
 * when ({@code at}, ISO-8601; default now). The answer is recorded on the incident, audited, and shown on its row.
 */
public final class DispatchCallbackApi {

    private final IncidentEngine engine;
    private final IncidentCommands commands;
    private final EventVerifier verifier;
    private final Clock clock;

    /** With the default replay window ({@link EventVerifier#DEFAULT_WINDOW}). */
    public DispatchCallbackApi(IncidentEngine engine, IncidentCommands commands, Secret secret, Clock clock) {
        this(engine, commands, secret, EventVerifier.DEFAULT_WINDOW, clock);
    }

    public DispatchCallbackApi(IncidentEngine engine, IncidentCommands commands, Secret secret, Duration replayWindow,
                               Clock clock) {
        this.engine = engine;
        this.commands = commands;
        this.verifier = new EventVerifier(secret, replayWindow, EventVerifier.DEFAULT_MAX_KEYS, clock);
        this.clock = clock;
    }

    /** Mounted ahead of the login check (the signature is the credential), after the body handler. */
    void routes(Router router) {
        router.post("/api/dispatch/callback").handler(this::receiveCallback);
    }

    private void receiveCallback(RoutingContext ctx) {
        // before the signature check, so that a callback refused only for this is not remembered as taken
        if (!engine.ready()) {
            Responses.error(ctx.response(), 503, "starting", "incidents are still being loaded; try again shortly");
            return;
        }
        String body = ctx.body() == null ? "" : ctx.body().asString();
        String key = ctx.request().getHeader("Idempotency-Key");
        EventVerifier.Verdict verdict = verifier.verify(ctx.request().getHeader("X-HW-Timestamp"), key, body,
                ctx.request().getHeader("X-HW-Signature"));
        if (!verdict.accepted()) {
            int status = verdict.outcome().status;
            Responses.error(ctx.response(), status, status == 403 ? "forbidden"
                    : verdict.outcome().name().toLowerCase(Locale.ROOT), verdict.reason());
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
            verifier.forget(key);
            Responses.error(ctx.response(), 400, "bad_request", "body must be a JSON object: " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            verifier.forget(key);
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        if (incident.isEmpty()) {
            verifier.forget(key);
            Responses.error(ctx.response(), 404, "not_found", "no incident with dedup_key/incident_key "
                    + Optional.ofNullable(json.getString("dedup_key")).orElse(json.getString("incident_key")));
            return;
        }
        IncidentApi.answer(ctx, 200, commands.recordDispatchReply(incident.get().id(), reply)
                .onFailure(e -> verifier.forget(key)).map(IncidentView::summary));
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
