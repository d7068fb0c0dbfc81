package io.hazardwatch.alerts;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A local HTTP server on 127.0.0.1 that plays a provider (SMS, IM robot, dispatch): it records every request
 * (method, path, query, headers, raw body) and lets the test decide the answer.
 */
final class RecordingServer {

    /** One request as the provider saw it. */
    record Request(Instant at, String method, String path, MultiMap query, MultiMap headers, String body) {
        /** The body as an {@code application/x-www-form-urlencoded} form. */
        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private HttpServer server;

    /** {@code answer} gets each request (already recorded, with its number from 1) and ends the response. */
    static RecordingServer start(Vertx vertx, BiConsumer<Integer, HttpServerResponse> answer) {
        RecordingServer fake = new RecordingServer();
        fake.server = Await.result(vertx.createHttpServer().requestHandler((HttpServerRequest request) ->
                request.body().onSuccess(body -> {
                    int n;
                    synchronized (fake) {
                        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
                        MultiMap query = MultiMap.caseInsensitiveMultiMap().addAll(request.params());
                        fake.requests.add(new Request(Instant.now(), request.method().name(), request.path(), query,
                                headers, body.toString(StandardCharsets.UTF_8)));
                        n = fake.requests.size();
                    }
                    answer.accept(n, request.response());
                })).listen(0, "127.0.0.1"));
        return fake;
    }

    /** Plays Aliyun SMS: every SendSms is accepted with BizId {@code biz-<n>}. */
    static RecordingServer aliyunSms(Vertx vertx) {
        return start(vertx, (n, response) -> response.putHeader("Content-Type", "application/json")
                .end("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz-" + n + "\",\"RequestId\":\"req-" + n + "\"}"));
    }

    /** The {@code notify.sms.*} keys that send SMS through Aliyun to this server (key id {@code test-key-id}). */
    Map<String, String> aliyunSmsSettings(String keySecret) {
        return Map.of("notify.sms.provider", "aliyun",
                "notify.sms.aliyun.endpoint", url(),
                "notify.sms.aliyun.access-key-id", "test-key-id",
                "notify.sms.aliyun.access-key-secret", keySecret,
                "notify.sms.sign-name", "HazardWatch",
                "notify.sms.template-code", "SMS_000001",
                "notify.sms.template-params", "{\"subject\":\"${subject}\"}");
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    void close() {
        Await.result(server.close());
    }
}
