package io.hazardwatch.alerts.http;

import io.hazardwatch.model.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON bodies and the one shape of every error: {@code {"error": "<code>", "message": "<for people>"}}. */
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        json(response, status, body);
    }
}
