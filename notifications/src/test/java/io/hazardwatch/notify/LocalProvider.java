package io.hazardwatch.notify;

import io.hazardwatch.testsupport.FreePort;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for a provider on 127.0.0.1: records every request and answers with a scripted reply, which
 * may depend on the request (e.g. 401 when the recomputed signature does not match).
 */
public final class LocalProvider {

    /** One request as the provider saw it. */
    public record Received(String method, String path, String rawQuery, MultiMap query, MultiMap headers, String body) {
        public String header(String name) {
            return headers.get(name);
        }

        public String param(String name) {
            return query.get(name);
        }

        /** The body read as an application/x-www-form-urlencoded form. */
        public java.util.Map<String, String> form() {
            java.util.Map<String, String> form = new java.util.TreeMap<>();
            new io.netty.handler.codec.http.QueryStringDecoder(body, java.nio.charset.StandardCharsets.UTF_8, false)
                    .parameters().forEach((k, v) -> form.put(k, v.get(0)));
            return form;
        }
    }

    /** What the provider answers. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "");
        }

        public Reply withHeader(String name, String value) {
            java.util.HashMap<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile Function<Received, Reply> script = r -> Reply.json(200, "{}");

    private LocalProvider(HttpServer server) {
        this.server = server;
    }

    public static LocalProvider start(Vertx vertx) {
        int port = FreePort.find();
        LocalProvider[] self = new LocalProvider[1];
        HttpServer server = vertx.createHttpServer().requestHandler(req -> self[0].handle(req));
        self[0] = new LocalProvider(server);
        Await.result(server.listen(port, "127.0.0.1"));
        return self[0];
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public LocalProvider answer(Function<Received, Reply> script) {
        this.script = script;
        return this;
    }

    public LocalProvider answer(Reply reply) {
        return answer(r -> reply);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received only() {
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + received.size());
        }
        return received.get(0);
    }

    public void stop() {
        Await.result(server.close(), Duration.ofSeconds(5));
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            MultiMap query = MultiMap.caseInsensitiveMultiMap().addAll(req.params());
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
            Received r = new Received(req.method().name(), req.path(), req.query(), query, headers, body.toString());
            received.add(r);
            Reply reply;
            try {
                reply = script.apply(r);
            } catch (RuntimeException e) {
                reply = Reply.json(599, "{\"test-script-error\":\"" + e + "\"}");
            }
            reply.headers().forEach(req.response()::putHeader);
            req.response().setStatusCode(reply.status()).end(reply.body());
        });
    }
}
