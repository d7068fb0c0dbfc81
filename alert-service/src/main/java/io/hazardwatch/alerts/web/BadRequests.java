package io.hazardwatch.alerts.web;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's last word on a failed request: bad input (a body too large, not decodable, of a refused type, a bad
 * path or encoding) is a 4xx with its reason and no log line; only our own fault is a 500, logged once, on one line
 * without a stack trace (the request names where to look).
 */
public final class BadRequests implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(BadRequests.class);

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()
                || ctx.failure() instanceof io.vertx.core.http.HttpClosedException) {
            return; // nothing left to say: the answer has started, or the client has gone
        }
        Throwable failure = ctx.failure();
        int status = statusOf(ctx.statusCode(), failure);
        if (status >= 500) {
            LOG.error("{} {} failed: {}", ctx.request().method(), ctx.request().path(), failure);
            Responses.error(ctx.response(), status, "internal", "the service failed on this request; it is logged");
            return;
        }
        Responses.error(ctx.response(), status, codeOf(status), reasonOf(status, failure));
    }

    /** 4xx for what the client sent, else the status the failure carries, else 500. */
    static int statusOf(int statusCode, Throwable failure) {
        if (failure instanceof HttpException http) {
            return http.getStatusCode();
        }
        if (failure instanceof io.netty.handler.codec.TooLongFrameException) {
            return 414; // a request line or header longer than the server reads
        }
        if (failure instanceof DecodeException || failure instanceof IllegalArgumentException
                || failure instanceof io.netty.handler.codec.DecoderException) { // e.g. a malformed chunked body
            return 400;
        }
        if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("multipart")) {
            return 415;
        }
        if (failure == null && statusCode >= 400) {
            return statusCode;
        }
        return 500;
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413, 414 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> "bad_request";
        };
    }

    private static String reasonOf(int status, Throwable failure) {
        String given = failure == null ? null : failure.getMessage();
        if (given != null && !given.isBlank() && !(failure instanceof HttpException)) {
            return clip(given);
        }
        return switch (status) {
            case 413 -> "the body is larger than this route accepts";
            case 415 -> "this Content-Type is not accepted here";
            case 404 -> "no such resource";
            default -> "the request cannot be read (path, encoding, headers or body)";
        };
    }

    private static String clip(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
