package io.hazardwatch.alerts.web;

import io.hazardwatch.model.UriEscapes;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a request must look like before anything reads its body or its login, in named steps: a change
 * (POST/PUT/PATCH/DELETE on {@code /api/*}, {@code /login}, {@code /logout}) comes from this site, not another
 * (the browser's {@code Sec-Fetch-Site}, else its {@code Origin}; scripts send neither and pass); no multipart body
 * anywhere and no form but a provider's receipt (Twilio's): no upload can reach the disk; a change's body is JSON,
 * except the raw file of an attachment and the providers' and dispatch's signed callbacks (their own formats).
 */
public final class ApiGuard implements Handler<RoutingContext> {

    private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    /** The routes whose body is not JSON: an attachment's bytes, the signed callbacks of providers and dispatch. */
    private static final Pattern OWN_FORMAT = Pattern.compile(
            "/api/incidents/[^/]+/attachments|/api/receipts/[^/]+|/api/dispatch/callback");


    /** The board's public origin ({@code alert.board.public-url}, e.g. behind a proxy), lower case, or null. */
    private final String publicOrigin;

    public ApiGuard(String publicUrl) {
        this.publicOrigin = originOf(publicUrl);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (UriEscapes.malformed(request.uri())) {
            // before any route with a path parameter decodes it (Vert.x would log that as an unhandled exception)
            Responses.error(ctx.response(), 400, "bad_request", "the address has a malformed %-escape");
            return;
        }
        String refused = formBody(request);
        if (refused != null) {
            Responses.error(ctx.response(), 415, "unsupported_media_type", refused);
            return;
        }
        if (!CHANGES.contains(request.method()) || !guarded(request.path())) {
            ctx.next();
            return;
        }
        refused = crossSite(request);
        if (refused != null) {
            Responses.error(ctx.response(), 403, "cross_site", refused);
            return;
        }
        refused = notJson(request);
        if (refused != null) {
            Responses.error(ctx.response(), 415, "unsupported_media_type", refused);
            return;
        }
        ctx.next();
    }

    private static boolean guarded(String path) {
        return path != null && (path.startsWith("/api/") || path.equals("/login") || path.equals("/logout"));
    }

    /** Multipart bodies are refused on every route (none takes one), forms on all but the providers' callbacks. */
    static String formBody(HttpServerRequest request) {
        String type = mediaType(request.getHeader(HttpHeaders.CONTENT_TYPE));
        if (type.startsWith("multipart/") || type.equals("application/x-www-form-urlencoded")
                && !OWN_FORMAT.matcher(request.path()).matches()) {
            return "Content-Type " + type + " is not accepted here (send JSON; an attachment as its raw bytes)";
        }
        return null;
    }

    /** A change sent by a page of another site: refused whatever login the browser attached to it. */
    String crossSite(HttpServerRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return "cross-site request refused (Sec-Fetch-Site: " + site + "): changes come from the board only";
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return null; // a script (curl, a client library): its login is its own, not a browser's
        }
        String given = origin.trim().toLowerCase(Locale.ROOT);
        String host = request.getHeader(HttpHeaders.HOST);
        String own = host == null ? null : (request.isSSL() ? "https://" : "http://") + host.toLowerCase(Locale.ROOT);
        if (given.equals(own) || given.equals(publicOrigin)) {
            return null;
        }
        return "cross-site request refused (Origin " + clip(origin) + " is not this service's)";
    }

    /** A change with a body must say it is JSON (a text/plain form post from another page is not parsed as JSON). */
    private static String notJson(HttpServerRequest request) {
        if (OWN_FORMAT.matcher(request.path()).matches() || !hasBody(request)) {
            return null;
        }
        String type = mediaType(request.getHeader(HttpHeaders.CONTENT_TYPE));
        return type.equals("application/json") ? null
                : "Content-Type must be application/json" + (type.isEmpty() ? "" : ", not " + clip(type));
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (length != null && !length.trim().equals("0"));
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String originOf(String url) {
        if (url == null) {
            return null;
        }
        java.net.URI uri = java.net.URI.create(url);
        int port = uri.getPort();
        return (uri.getScheme() + "://" + uri.getHost() + (port < 0 ? "" : ":" + port)).toLowerCase(Locale.ROOT);
    }

    private static String clip(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }
}
