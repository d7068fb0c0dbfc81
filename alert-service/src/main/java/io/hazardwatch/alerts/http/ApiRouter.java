package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.board.BoardApi;
import io.hazardwatch.alerts.web.ApiGuard;
import io.hazardwatch.alerts.web.BadRequests;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.hazardwatch.alerts.web.SecurityHeaders;
import io.hazardwatch.alerts.web.SessionLogin;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The duty room's HTTP surface (described in {@code /openapi.yaml}), mounted on one router; the handlers live in
 * the classes named:
 * <ul>
 *   <li>on every response the browser rules ({@link SecurityHeaders}); every request first passes {@link ApiGuard}
 *       (no change from another site, no form or multipart body, changes in JSON); a failure is answered by
 *       {@link BadRequests} (a 4xx with its reason for bad input, never a stack trace)</li>
 *   <li>{@code POST /login}, {@code POST /logout}, {@code GET /login.html} — the board's session login
 *       ({@link SessionLogin}), no login</li>
 *   <li>{@code GET /health} — {@link HealthApi}, no login</li>
 *   <li>{@code GET /api/me} — the logged-in user ({@link BasicAuth}: everything below needs a login)</li>
 *   <li>{@code GET /api/alarms/active}, {@code GET /api/alarms/stream} — {@link ActiveAlarmApi}</li>
 *   <li>{@code GET /api/monitoring} — {@link MonitoringApi}</li>
 *   <li>incidents, silences, risk states, deliveries — {@link IncidentApi}</li>
 *   <li>sensor history, park map, chart library — {@link BoardApi}</li>
 *   <li>{@code GET /api/dead-letters} — {@link DeadLetterApi}</li>
 *   <li>{@code GET /api/enterprises}, {@code GET /api/enterprises/{id}} — {@link EnterpriseApi}</li>
 *   <li>hidden dangers ({@code /api/dangers...}) — {@link DangerApi}</li>
 *   <li>{@code GET /api/grades}, {@code /api/grades/{enterprise}}, {@code /api/lists} — {@link GradingApi}</li>
 *   <li>{@code GET|POST /ack/{token}} — the acknowledge link's page, no login — {@link AckLinkApi}</li>
 *   <li>duty reports ({@code /api/reports...}) — {@link ReportApi}</li>
 *   <li>roster, hand-overs, duty log ({@code /api/duty/...}) — {@link DutyApi}</li>
 *   <li>{@code GET /} — the live alarm page (static files in {@code webroot/})</li>
 * </ul>
 */
public final class ApiRouter {

    /** The largest JSON body any route takes (attachments have their own limit). */
    private static final int BODY_LIMIT = 64 * 1024;

    private final HealthApi health;
    private java.util.function.Consumer<Router> operations = router -> { };
    private final BasicAuth auth;
    private final ActiveAlarmApi alarms;
    private final IncidentApi incidents;
    /** The duty-room board's own endpoints (sensor history, park map, chart library); null = none. */
    private BoardApi board;
    /** The gateway's refused messages per enterprise; null = none. */
    private DeadLetterApi deadLetters;
    /** The watchdog's current view of the monitoring chain; null = no watchdog. */
    private MonitoringApi monitoring;
    /** Inspection tasks ({@code /api/tasks}); null = not served. */
    private InspectionApi inspections;
    /** The daily safety commitments; null = not served. */
    private CommitmentApi commitments;
    /** The enterprise page (issue 20); null = not served. */
    private EnterpriseApi enterprises;
    /** The hidden-danger register; null = not served. */
    private DangerApi dangers;
    /** The enterprises' feedback, attachments and the incident record; null = not served. */
    private FeedbackApi feedback;
    /** The enterprises' grades and the watch / priority lists; null = not served. */
    private GradingApi grading;
    /** Issue 21 (voice): the providers' delivery receipts, signed, no login; null = not served. */
    private ReceiptApi receipts;
    /** The one-tap acknowledge page of the messages' links (issue 21, no login); null = not served. */
    private AckLinkApi ackLinks;

    /** The duty reports (issue 21); null = not served. */
    private ReportApi reports;

    /** Also serves the duty reports (see {@link ReportApi}); null = not served. */
    public ApiRouter withReports(ReportApi reports) {
        this.reports = reports;
        return this;
    }
    /** Shifts: roster, hand-overs, duty log (issue 21); null = not served. */
    private DutyApi duty;
    /** Issue 21 (ops): the dispatch centre's signed callback, the Messages page, the park's settings; null = not served. */
    private DispatchCallbackApi dispatchCallback;
    private OpsApi ops;
    /** The board's public address ({@code alert.board.public-url}): changes from its origin are this site's too. */
    private String publicUrl;

    /** Also takes changes from the board's public address (a proxy's origin); null = only the request's own host. */
    public ApiRouter withPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
        return this;
    }

    public ApiRouter(HealthApi health, BasicAuth auth, ActiveAlarmApi alarms, IncidentApi incidents) {
        this.health = health;
        this.auth = auth;
        this.alarms = alarms;
        this.incidents = incidents;
    }

    /** Also serves {@code GET /api/dead-letters}; null = not served. */
    public ApiRouter withDeadLetters(DeadLetterApi deadLetters) {
        this.deadLetters = deadLetters;
        return this;
    }

    /** Also serves the board's endpoints (see {@link BoardApi}); null = not served. */
    public ApiRouter withBoard(BoardApi board) {
        this.board = board;
        return this;
    }

    /** Also serves {@code GET /api/monitoring}; null = not served. */
    /** Also serves the routes {@code operations} mounts, beside /health and without login (issue 18). */
    public ApiRouter withOperations(java.util.function.Consumer<Router> operations) {
        this.operations = operations;
        return this;
    }

    public ApiRouter withMonitoring(MonitoringApi monitoring) {
        this.monitoring = monitoring;
        return this;
    }

    /** Also serves the inspection tasks ({@link InspectionApi}); null = not served. */
    public ApiRouter withInspections(InspectionApi inspections) {
        this.inspections = inspections;
        return this;
    }

    /** Also serves {@code /api/commitments}; null = not served. */
    public ApiRouter withCommitments(CommitmentApi commitments) {
        this.commitments = commitments;
        return this;
    }

    /** Also serves the enterprise page's endpoints (see {@link EnterpriseApi}); null = not served. */
    public ApiRouter withEnterprises(EnterpriseApi enterprises) {
        this.enterprises = enterprises;
        return this;
    }

    /** Also serves the hidden-danger register ({@code /api/dangers...}, see {@link DangerApi}); null = not served. */
    public ApiRouter withDangers(DangerApi dangers) {
        this.dangers = dangers;
        return this;
    }

    /** Also serves the enterprises' feedback, attachments and the incident record (see {@link FeedbackApi}). */
    public ApiRouter withFeedback(FeedbackApi feedback) {
        this.feedback = feedback;
        return this;
    }

    /** Also serves the grades and lists (see {@link GradingApi}); null = not served. */
    public ApiRouter withGrading(GradingApi grading) {
        this.grading = grading;
        return this;
    }

    /** Also serves {@code POST /api/receipts/{provider}} (see {@link ReceiptApi}); null = not served. */
    public ApiRouter withReceipts(ReceiptApi receipts) {
        this.receipts = receipts;
        return this;
    }

    /** Also serves the acknowledge links' page ({@code /ack/{token}}, see {@link AckLinkApi}); null = not served. */
    public ApiRouter withAckLinks(AckLinkApi ackLinks) {
        this.ackLinks = ackLinks;
        return this;
    }

    /** Also serves the duty roster, hand-overs and the duty log ({@code /api/duty/...}, see {@link DutyApi}). */
    public ApiRouter withDuty(DutyApi duty) {
        this.duty = duty;
        return this;
    }

    /** Also serves issue 21's ops endpoints: {@code /api/dispatch/callback} (if non-null), the messages, the settings. */
    public ApiRouter withOps(DispatchCallbackApi dispatchCallback, OpsApi ops) {
        this.dispatchCallback = dispatchCallback;
        this.ops = ops;
        return this;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
        router.route().failureHandler(new BadRequests());
        router.route().handler(new ApiGuard(publicUrl));
        router.get("/health").handler(health::reportHealth);
        operations.accept(router);
        router.get("/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                .sendFile("webroot/openapi.yaml"));
        if (ackLinks != null) {
            ackLinks.routes(router); // no login: the signed link is the credential, for its one incident only
        }
        new SessionLogin(auth).routes(router);
        router.getWithRegex("/(login\\.html|login\\.js|style\\.css)").handler(StaticHandler.create("webroot"));
        if (feedback != null) {
            feedback.routes(router, auth); // ahead of the 64 KB body limit: attachments are larger (login first)
        }
        if (receipts != null) {
            router.route("/api/receipts/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
            receipts.routes(router); // providers have no login: signed instead
        }
        if (dispatchCallback != null) {
            router.route("/api/dispatch/callback").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
            dispatchCallback.routes(router); // signed by dispatch, no login
        }
        router.route().handler(auth);
        // the body is read once the login is known (the login check pauses the request meanwhile); never to disk
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        if (ops != null) {
            ops.routes(router);
        }
        router.get("/api/me").handler(ctx -> Responses.json(ctx.response(), 200, SessionLogin.me(ctx)));
        router.get("/api/alarms/active").handler(alarms::listActiveAlarms);
        router.get("/api/alarms/stream").handler(alarms::streamAlarms);
        if (monitoring != null) {
            router.get("/api/monitoring").handler(monitoring::reportMonitoring);
        }
        incidents.routes(router);
        if (board != null) {
            board.routes(router);
        }
        if (inspections != null) {
            inspections.routes(router);
        }
        if (deadLetters != null) {
            router.get("/api/dead-letters").handler(deadLetters::listDeadLetters);
        }
        if (commitments != null) {
            commitments.routes(router);
        }
        if (enterprises != null) {
            enterprises.routes(router);
        }
        if (dangers != null) {
            dangers.routes(router);
        }
        if (grading != null) {
            grading.routes(router);
        }
        if (reports != null) {
            reports.routes(router);
        }
        if (duty != null) {
            duty.routes(router); // issue 21, shifts
        }
        router.route("/api/*").handler(ctx -> Responses.error(ctx.response(), 404, "not_found",
                "no such resource: " + ctx.request().method() + " " + ctx.request().path()));
        router.get().handler(StaticHandler.create("webroot"));
        return router;
    }
}
