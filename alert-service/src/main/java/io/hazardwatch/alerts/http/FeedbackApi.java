package io.hazardwatch.alerts.http;

import static io.hazardwatch.alerts.http.IncidentApi.answer;
import static io.hazardwatch.alerts.http.IncidentApi.body;
import static io.hazardwatch.alerts.http.IncidentApi.forbid;

import io.hazardwatch.alerts.IncidentCommands;
import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.attachments.AttachmentStore;
import io.hazardwatch.alerts.attachments.FileTypes;
import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.board.FeedbackSummary;
import io.hazardwatch.alerts.incident.Cause;
import io.hazardwatch.alerts.incident.Comment;
import io.hazardwatch.alerts.incident.Disposal;
import io.hazardwatch.alerts.incident.Feedback;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.incident.IncidentEvent;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * An enterprise's answer to its incidents — confirm, report, attach photos — the duty room's verification, and the
 * whole record (one incident as JSON, all as CSV). Mounted ahead of the API's 64 KB body limit: an attachment's
 * body may be as large as {@code alert.attachments.max-bytes}. Every handler reads as: who is asking → may they →
 * do it → answer (403 refused, 404 unknown, 400 bad input naming the field, 409 not in this state).
 */
public final class FeedbackApi {

    private static final int JSON_BODY_LIMIT = 64 * 1024;
    private static final int NAME_MAX_CHARS = 120;

    /** The whole record of one incident. */
    record IncidentRecord(IncidentView incident, Feedback feedback, FeedbackSummary feedbackState,
                          List<Comment> comments, Disposal disposal, List<IncidentEvent> events) {
    }

    private final Vertx vertx;
    private final IncidentEngine engine;
    private final IncidentCommands commands;
    private final AttachmentStore files;
    private final int maxBytes;
    private final int maxPerIncident;
    /** The park's time zone, which the CSV export writes times in (issue 21). */
    private java.time.ZoneId zone = java.time.ZoneOffset.UTC;

    public FeedbackApi(Vertx vertx, IncidentEngine engine, IncidentCommands commands, AttachmentStore files,
                       int maxBytes, int maxPerIncident) {
        this.vertx = vertx;
        this.engine = engine;
        this.commands = commands;
        this.files = files;
        this.maxBytes = maxBytes;
        this.maxPerIncident = maxPerIncident;
    }

    /** Writes the CSV export's times in the park's time zone {@code zone} (the alerting policy's). */
    public FeedbackApi inZone(java.time.ZoneId zone) {
        this.zone = zone;
        return this;
    }

    /** Mounts the routes, each with its own body limit, then the login ({@code auth}), then the handler. */
    void routes(Router router, Handler<RoutingContext> auth) {
        BodyHandler json = BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT);
        BodyHandler upload = BodyHandler.create(false).setBodyLimit(maxBytes);
        mount(router, HttpMethod.GET, "/api/incidents/export.csv", json, auth, this::exportCsv);
        mount(router, HttpMethod.GET, "/api/incidents/:id/record", json, auth,
                ctx -> visible(ctx, this::sendRecord));
        mount(router, HttpMethod.POST, "/api/incidents/:id/feedback/confirm", json, auth, ctx -> answerAs(ctx, true,
                (user, i) -> commands.confirmFeedback(i.id(), user.username())));
        mount(router, HttpMethod.PUT, "/api/incidents/:id/feedback/report", json, auth, ctx -> answerAs(ctx, true,
                (user, i) -> report(ctx, user, i)));
        mount(router, HttpMethod.POST, "/api/incidents/:id/feedback/verify", json, auth, ctx -> answerAs(ctx, false,
                (user, i) -> commands.verifyFeedback(i.id(), user.username())));
        mount(router, HttpMethod.POST, "/api/incidents/:id/attachments", upload, auth,
                ctx -> visible(ctx, this::addAttachment));
        mount(router, HttpMethod.GET, "/api/incidents/:id/attachments/:attachmentId", json, auth,
                ctx -> visible(ctx, this::sendAttachment));
    }

    private void mount(Router router, HttpMethod method, String path, BodyHandler body, Handler<RoutingContext> auth,
                       Handler<RoutingContext> handler) {
        // the login first, on a route of its own (Vert.x wants a route's body handler first): nobody's body is read,
        // let alone kept, before they are known
        router.route(method, path).handler(auth);
        router.route(method, path).handler(body).handler(ctx -> {
            if (engine.ready()) {
                handler.handle(ctx);
            } else {
                Responses.error(ctx.response(), 503, "starting", "incidents are still being loaded; try again shortly");
            }
        }).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                Responses.error(ctx.response(), 413, "too_large", "body: at most " + maxBytes + " bytes");
            } else {
                ctx.next(); // the router's answer to bad input (BadRequests)
            }
        });
    }

    // ---- the enterprise answers, the duty room verifies ---------------------------------------------------

    /** Who → may they see it → may they answer (or verify) it → do it → answer with the incident. */
    private void answerAs(RoutingContext ctx, boolean answering, BiFunction<User, Incident, Future<Incident>> command) {
        visible(ctx, (user, incident) -> {
            if (answering ? !Access.mayAnswer(user, incident.alarm()) : !Access.mayVerify(user, incident.alarm())) {
                forbid(ctx, user, answering ? "answer for enterprise " + incident.alarm().enterprise()
                        : "verify the answers of enterprise " + incident.alarm().enterprise());
                return;
            }
            Future<Incident> done;
            try {
                done = command.apply(user, incident);
            } catch (DecodeException | ClassCastException e) {
                Responses.error(ctx.response(), 400, "bad_request", "body must be a JSON object: " + e.getMessage());
                return;
            }
            answer(ctx, 200, done.map(i -> IncidentView.detail(i, user)));
        });
    }

    private Future<Incident> report(RoutingContext ctx, User user, Incident incident) {
        JsonObject body = body(ctx);
        String cause = body.getString("cause");
        if (cause == null || cause.isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("cause is required"));
        }
        Cause parsed;
        try {
            parsed = Cause.valueOf(cause);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new IllegalArgumentException("cause: '" + cause + "' is not one of "
                    + Arrays.toString(Cause.values())));
        }
        return commands.reportFeedback(incident.id(), user.username(), parsed, body.getString("measures"),
                body.getString("responsible"));
    }

    // ---- attachments ------------------------------------------------------------------------------------

    /** Who → may they answer → name, count and type → write and fsync the file → commit its metadata → 201. */
    private void addAttachment(RoutingContext ctx, User user, Incident incident) {
        if (!Access.mayAnswer(user, incident.alarm())) {
            forbid(ctx, user, "attach files for enterprise " + incident.alarm().enterprise());
            return;
        }
        String name = nameOf(ctx.queryParams().get("name"));
        byte[] bytes = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String type = FileTypes.detect(bytes).orElse(null);
        String claimed = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (name == null) {
            Responses.error(ctx.response(), 400, "bad_request", "name is required (a file name without a path)");
        } else if (bytes.length == 0) {
            Responses.error(ctx.response(), 400, "bad_request", "body: the file's bytes are required");
        } else if (type == null) {
            Responses.error(ctx.response(), 415, "unsupported_type", "body: only JPEG, PNG and PDF files are accepted");
        } else if (claimed != null && !claimed.startsWith(type) && !claimed.startsWith("application/octet-stream")) {
            Responses.error(ctx.response(), 400, "bad_request", "Content-Type: '" + claimed + "' but the file is " + type);
        } else {
            Feedback.Attachment attachment = new Feedback.Attachment("att-" + UUID.randomUUID().toString().substring(0, 12),
                    name, type, bytes.length, user.username(), engine.now());
            try {
                incident.attach(attachment, maxPerIncident); // refused before the file is written (409)
            } catch (RuntimeException e) {
                answer(ctx, 201, Future.failedFuture(e));
                return;
            }
            answer(ctx, 201, vertx.executeBlocking(() -> {
                files.write(incident.id(), attachment.id(), bytes);
                return attachment;
            }).compose(stored -> commands.attach(incident.id(), stored, maxPerIncident)).map(i -> attachment));
        }
    }

    private void sendAttachment(RoutingContext ctx, User user, Incident incident) {
        String wanted = ctx.pathParam("attachmentId");
        Feedback.Attachment attachment = incident.feedback().attachments().stream()
                .filter(a -> a.id().equals(wanted)).findFirst().orElse(null);
        if (attachment == null) {
            Responses.error(ctx.response(), 404, "not_found", "no attachment " + wanted + " in incident " + incident.id());
            return;
        }
        String file = files.pathOf(incident.id(), attachment.id()).toString();
        vertx.fileSystem().exists(file).onComplete(exists -> {
            if (!exists.succeeded() || !exists.result()) {
                Responses.error(ctx.response(), 404, "not_found", "the file of attachment " + wanted + " is missing");
                return;
            }
            String ascii = attachment.name().replaceAll("[^A-Za-z0-9._-]", "_");
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, attachment.contentType())
                    .putHeader("Content-Disposition", (attachment.contentType().startsWith("image/") ? "inline" : "attachment")
                            + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
                            + URLEncoder.encode(attachment.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .sendFile(file);
        });
    }

    /** A file name as given, without any path, control characters or quotes, at most {@value #NAME_MAX_CHARS} chars. */
    static String nameOf(String raw) {
        if (raw == null) {
            return null;
        }
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1)
                .replaceAll("[\\p{Cntrl}\"]", "").trim();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return null;
        }
        return name.length() > NAME_MAX_CHARS ? name.substring(name.length() - NAME_MAX_CHARS) : name;
    }

    // ---- the record ----------------------------------------------------------------------------------------

    private void sendRecord(RoutingContext ctx, User user, Incident i) {
        Responses.json(ctx.response(), 200, new IncidentRecord(IncidentView.detail(i, user), i.feedback(),
                FeedbackSummary.of(i.feedback()), i.comments(), i.disposal(), IncidentView.history(i, user)));
    }

    /** The incidents the caller may see, opened in [from, to), one CSV row each. */
    private void exportCsv(RoutingContext ctx) {
        User user = BasicAuth.user(ctx);
        Instant from;
        Instant to;
        try {
            from = instant(ctx, "from", Instant.EPOCH);
            to = instant(ctx, "to", Instant.MAX);
        } catch (IllegalArgumentException e) {
            Responses.error(ctx.response(), 400, "bad_request", e.getMessage());
            return;
        }
        List<Incident> rows = engine.book().all().stream().filter(i -> Access.maySee(user, i.alarm()))
                .filter(i -> !i.openedAt().isBefore(from) && i.openedAt().isBefore(to))
                .sorted(Comparator.comparing(Incident::openedAt)).toList();
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8; header=present")
                .putHeader("Content-Disposition", "attachment; filename=\"incidents.csv\"")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(IncidentCsv.of(rows, zone));
    }

    private static Instant instant(RoutingContext ctx, String param, Instant absent) {
        String raw = ctx.queryParams().get(param);
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(param + ": '" + raw + "' is not an ISO-8601 instant (e.g. 2026-12-01T00:00:00Z)");
        }
    }

    private interface Then {
        void accept(RoutingContext ctx, User user, Incident incident);
    }

    private void visible(RoutingContext ctx, Then then) {
        IncidentApi.withVisible(ctx, engine, incident -> then.accept(ctx, BasicAuth.user(ctx), incident));
    }

    private void visible(RoutingContext ctx, java.util.function.BiConsumer<User, Incident> then) {
        IncidentApi.withVisible(ctx, engine, incident -> then.accept(BasicAuth.user(ctx), incident));
    }
}
