package io.hazardwatch.ingest.http;

import io.hazardwatch.ingest.intake.Destination;
import io.hazardwatch.ingest.intake.Intake;
import io.hazardwatch.ingest.intake.Intake.Submission;
import io.hazardwatch.ingest.limits.InFlightBudget;
import io.hazardwatch.logins.LoginThrottle;
import io.hazardwatch.ingest.limits.SlowLogins;
import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.ingest.metrics.IngestMetrics.Transport;
import io.hazardwatch.ingest.mqtt.PubAckCodes;
import io.hazardwatch.ingest.validation.Refusal;
import io.hazardwatch.ingest.validation.RefusalReason;
import io.hazardwatch.ingest.validation.Verdict;
import io.hazardwatch.model.ApiError;
import io.hazardwatch.model.UriEscapes;
import io.hazardwatch.model.DeviceAddress;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.config.HttpTls;
import io.hazardwatch.model.registry.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: {@code POST /hazardwatch/v1/{enterprise}/{device}/readings} with the same JSON payload as
 * MQTT and a bearer token (202 {@code {"accepted": n}} once Kafka acknowledged, with {@code "refused": [errors]}
 * naming by index the readings of a batch refused alone; an {@link ApiError} with the same reasons as MQTT when the
 * whole message is refused), and for operations {@code GET /metrics} (Prometheus), {@code /health} (alive) and {@code /ready}
 * (Kafka answers, not shutting down).
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final Vertx vertx;
    private final Intake intake;
    private final BearerAuth auth;
    private final InFlightBudget budget;
    private final IngestMetrics metrics;
    private final Supplier<Future<Map<String, Boolean>>> readiness;
    private final int maxPayloadBytes;
    private HttpServer server;

    public HttpApi(Vertx vertx, Intake intake, BearerAuth auth, InFlightBudget budget, IngestMetrics metrics,
                   Supplier<Future<Map<String, Boolean>>> readiness, int maxPayloadBytes) {
        this.vertx = vertx;
        this.intake = intake;
        this.auth = auth;
        this.budget = budget;
        this.metrics = metrics;
        this.readiness = readiness;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Starts listening, with TLS unless {@code tls} is null; the Future holds the bound port. */
    public Future<Integer> start(String host, int port, HttpTls tls) {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            if (UriEscapes.malformed(ctx.request().uri())) {
                error(ctx, 400, ApiError.of("BAD_REQUEST", "the address has a malformed %-escape"));
            } else {
                ctx.next();
            }
        });
        router.post("/hazardwatch/v1/:enterprise/:device/readings")
                .handler(BodyHandler.create(false).setBodyLimit(maxPayloadBytes * 2L))
                .handler(this::ingest);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/ready").handler(this::ready);
        router.route().failureHandler(HttpApi::failed);
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port);
        if (tls != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString()));
        }
        server = vertx.createHttpServer(options).requestHandler(router);
        return server.listen().map(HttpServer::actualPort);
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** Steps: read the device from the path → authenticate → take an in-flight place → intake → answer. */
    private void ingest(RoutingContext ctx) {
        Instant receivedAt = Instant.now();
        Destination to = new Destination.Device(new DeviceAddress(ctx.pathParam("enterprise"), ctx.pathParam("device")));
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        auth.authenticate(ctx.request().getHeader("Authorization"), address).onComplete(ar -> {
            if (ar.failed() && ar.cause() instanceof LoginThrottle.Throttled throttled) {
                metrics.loginThrottled(Transport.HTTP);
                ctx.response().putHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                error(ctx, 429, ApiError.of("LOGIN_THROTTLED",
                        "too many failed logins for this username or from this address; retry later"));
                return;
            }
            if (ar.failed() && ar.cause() instanceof SlowLogins.Busy) {
                ctx.response().putHeader("Retry-After", "1");
                error(ctx, 503, ApiError.of("BUSY", "too many logins are being checked; retry later"));
                return;
            }
            if (ar.failed() || ar.result().isEmpty()) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                error(ctx, 401, ApiError.of("NOT_AUTHENTICATED",
                        "Authorization: Bearer <username>:<password> of a registry login is required"));
                return;
            }
            if (!budget.tryAcquire()) {
                ctx.response().putHeader("Retry-After", "1");
                error(ctx, 503, ApiError.of("BUSY", "Kafka is slow or unavailable; retry later"));
                return;
            }
            submit(ctx, ar.result().get(), to, receivedAt);
        });
    }

    private void submit(RoutingContext ctx, Principal principal, Destination to, Instant receivedAt) {
        byte[] payload = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String client = "http:" + principal.username();
        intake.submit(new Submission(principal, client, to, payload, receivedAt, Transport.HTTP, true))
                .onComplete(stored -> {
                    budget.release();
                    if (stored.failed()) {
                        LOG.error("HTTP message from {} on {} not stored: {}", principal, to.topic(), stored.cause().toString());
                        ctx.response().putHeader("Retry-After", "5");
                        error(ctx, 503, ApiError.of("STORAGE_UNAVAILABLE",
                                "Kafka did not acknowledge the message; send it again"));
                    } else if (stored.result() instanceof Verdict.Accepted accepted) {
                        JsonObject body = new JsonObject().put("accepted", accepted.readings().size());
                        if (!accepted.refused().isEmpty()) {
                            // the rest of the batch is stored: 202, with each reading refused alone by index and reason
                            body.put("refused", new io.vertx.core.json.JsonArray(accepted.refused().stream()
                                    .map(r -> new JsonObject(io.vertx.core.buffer.Buffer.buffer(Json.toBytes(
                                            refused(r.refusal(), to, receivedAt, r.index())))))
                                    .toList()));
                        }
                        json(ctx, 202, body);
                    } else {
                        Refusal refusal = ((Verdict.Refused) stored.result()).refusal();
                        if (refusal.reason() == RefusalReason.QUOTA_EXCEEDED) {
                            ctx.response().putHeader("Retry-After", "1");
                        }
                        error(ctx, status(refusal.reason()), refused(refusal, to, receivedAt, null));
                    }
                });
    }

    private void ready(RoutingContext ctx) {
        readiness.get().onComplete(ar -> {
            Map<String, Boolean> checks = ar.succeeded() ? ar.result() : Map.of("checks", false);
            boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
            JsonObject body = new JsonObject().put("status", ready ? "READY" : "NOT_READY");
            checks.forEach(body::put);
            json(ctx, ready ? 200 : 503, body);
        });
    }

    /** The HTTP status of a refused message. */
    static int status(RefusalReason reason) {
        return switch (reason) {
            case TOPIC_INVALID -> 404;
            case NOT_AUTHORIZED -> 403;
            case PAYLOAD_INVALID -> 400;
            case UNKNOWN_SENSOR -> 422;
            case QUOTA_EXCEEDED -> 429;
        };
    }

    /**
     * A refused message, or a reading of a batch refused alone ({@code index}), as the error body; its {@code code}
     * is the MQTT 5 reason code an MQTT client would get for the same refusal.
     */
    private static ApiError refused(Refusal refusal, Destination to, Instant receivedAt, Integer index) {
        return new ApiError(refusal.reason().name(), refusal.detail(), PubAckCodes.number(refusal.reason()), to.topic(),
                receivedAt, index);
    }

    /**
     * The router's last word: what the client sent wrong (a path with a malformed %-escape, a body over the limit) is a
     * 4xx with its reason and no log line; a client gone before its answer needs none; only our own fault is a 500,
     * logged on one line.
     */
    private static void failed(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || ctx.response().headWritten()
                || failure instanceof io.vertx.core.http.HttpClosedException) {
            return;
        }
        if (failure instanceof io.vertx.ext.web.handler.HttpException http && http.getStatusCode() < 500) {
            error(ctx, http.getStatusCode(), ApiError.of("BAD_REQUEST", "the request was refused (HTTP "
                    + http.getStatusCode() + ")"));
        } else if (failure instanceof IllegalArgumentException
                || failure instanceof io.netty.handler.codec.DecoderException) { // e.g. a form field beyond the limit
            error(ctx, 400, ApiError.of("BAD_REQUEST", "the request cannot be read: " + failure.getMessage()));
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            error(ctx, ctx.statusCode(), ApiError.of("BAD_REQUEST", "the request was refused (HTTP "
                    + ctx.statusCode() + ")"));
        } else {
            LOG.error("{} {} failed: {}", ctx.request().method(), ctx.request().path(), String.valueOf(failure));
            error(ctx, 500, ApiError.of("INTERNAL", "the gateway failed on this request; it is logged"));
        }
    }

    private static void error(RoutingContext ctx, int status, ApiError body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(Json.toBytes(body)));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
