package io.hazardwatch.alerts.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser-side rules sent with every response, whatever answers it (API, pages, errors): no script but the
 * service's own files (no inline script or handler), never framed, never sniffed, no address leaked to other sites.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

    /**
     * Scripts, styles, images and requests from this origin only; inline styles are allowed (the board sets widths
     * and colours from its script), inline script is not.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            MultiMap headers = ctx.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "same-origin");
            headers.set("X-Frame-Options", "DENY");
        });
        ctx.next();
    }
}
