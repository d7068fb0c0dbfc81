package io.hazardwatch.alerts.web;

import io.hazardwatch.model.ApiError;
import io.hazardwatch.model.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** JSON bodies, and every error as an {@link ApiError}: {@code {"error": "<code>", "message": "<for people>"}}. */
public final class Responses {

    static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    public static void json(HttpServerResponse response, int status, Object body) {
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body instanceof String s ? s : Json.toString(body));
    }

    public static void error(HttpServerResponse response, int status, String code, String message) {
        json(response, status, ApiError.of(code, message));
    }
}
