package io.hazardwatch.alerts.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.commitment.CommitmentBook;
import io.hazardwatch.alerts.commitment.CommitmentForm;
import io.hazardwatch.alerts.commitment.Site;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.hazardwatch.model.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.BooleanSupplier;

/**
 * The daily safety commitments (安全承诺): {@code GET /api/commitments?date=} (the day's overview of the enterprises
 * the user may see: submitted, late, missing, with their units), {@code GET /api/commitments/{enterprise}/{date}}
 * and {@code PUT /api/commitments/{enterprise}/{date}} (make or correct today's, only by the enterprise's own users).
 * Each handler reads: who is asking → which enterprise and day → may they → do it → answer.
 */
public final class CommitmentApi {

    private final CommitmentBook book;
    private final BooleanSupplier ready;
    private final Clock clock;

    /** @param ready whether the stored records are loaded (503 until then) */
    public CommitmentApi(CommitmentBook book, BooleanSupplier ready, Clock clock) {
        this.book = book;
        this.ready = ready;
        this.clock = clock;
    }

    void routes(Router router) {
        router.route("/api/commitments*").handler(this::requireReady);
        router.get("/api/commitments").handler(this::overview);
        router.get("/api/commitments/:enterprise/:date").handler(this::entry);
        router.put("/api/commitments/:enterprise/:date").handler(this::submit);
    }

    private void requireReady(RoutingContext ctx) {
        if (ready.getAsBoolean()) {
            ctx.next();
        } else {
            Responses.error(ctx.response(), 503, "starting", "commitments are still being loaded; try again shortly");
        }
    }

    private void overview(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        String raw = ctx.queryParams().get("date");
        LocalDate date = raw == null || raw.isBlank() ? book.rules().today(clock.instant()) : date(ctx, raw);
        if (date != null) {
            Responses.json(ctx.response(), 200, book.overview(date,
                    site -> Access.maySeeCommitments(user, site.enterprise(), site.gridCell())));
        }
    }

    private void entry(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Site site = visibleSite(ctx, user);
        LocalDate date = site == null ? null : date(ctx, ctx.pathParam("date"));
        if (date != null) {
            Responses.json(ctx.response(), 200, book.entry(site, date));
        }
    }

    private void submit(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Site site = visibleSite(ctx, user);
        if (site == null) {
            return;
        }
        if (!Access.mayCommit(user, site.enterprise())) {
            IncidentApi.forbid(ctx, user, "make the safety commitment of enterprise " + site.enterprise()
                    + " (only its own users do)");
            return;
        }
        LocalDate date = date(ctx, ctx.pathParam("date"));
        if (date == null) {
            return;
        }
        CommitmentForm form;
        try {
            String body = ctx.body() == null ? null : ctx.body().asString();
            form = body == null || body.isBlank() ? null : Json.MAPPER.readValue(body, CommitmentForm.class);
        } catch (JsonProcessingException e) {
            Responses.error(ctx.response(), 400, "bad_request", "body: not a commitment: " + e.getOriginalMessage());
            return;
        }
        if (form == null) {
            Responses.error(ctx.response(), 400, "bad_request", "body: required (person, phone, units, note)");
            return;
        }
        try {
            book.submit(site, date, form, user.username())
                    .onSuccess(c -> Responses.json(ctx.response(), 200, book.entry(site, date)))
                    .onFailure(e -> Responses.error(ctx.response(), 503, "unavailable",
                            "could not store the commitment: " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
        }
    }

    /** The site of the path's enterprise if the user may see it; else answers 404 or 403 and returns null. */
    private Site visibleSite(RoutingContext ctx, User user) {
        String enterprise = ctx.pathParam("enterprise");
        Site site = book.rules().site(enterprise).orElse(null);
        if (site == null) {
            Responses.error(ctx.response(), 404, "not_found", "no enterprise " + enterprise);
            return null;
        }
        if (!Access.maySeeCommitments(user, site.enterprise(), site.gridCell())) {
            IncidentApi.forbid(ctx, user, "see the safety commitments of enterprise " + enterprise);
            return null;
        }
        return site;
    }

    /** The day {@code raw} names; answers 400 naming the field and returns null if it names none. */
    private static LocalDate date(RoutingContext ctx, String raw) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            Responses.error(ctx.response(), 400, "bad_request", "date: '" + raw + "' is not a day such as 2026-12-06");
            return null;
        }
    }
}
