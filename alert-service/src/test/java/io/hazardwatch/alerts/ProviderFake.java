package io.hazardwatch.alerts;

import io.hazardwatch.notify.Notifier;
import io.hazardwatch.notify.http.GenericHttpNotifier;
import io.hazardwatch.notify.http.HttpTemplate;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local HTTP push provider that records every request it accepts, and a real {@link GenericHttpNotifier}
 * pointed at it (the service's production webhook template). It can refuse the first requests with 503.
 */
final class ProviderFake {

    /** One accepted message, with the time it arrived. */
    record Received(Instant at, JsonObject body) {
        String address() {
            return body.getJsonObject("recipient").getString("address");
        }

        String id() {
            return body.getString("id");
        }
    }

    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private HttpServer server;

    static ProviderFake start(Vertx vertx) {
        ProviderFake fake = new ProviderFake();
        fake.server = Await.result(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (fake.refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                fake.refused.incrementAndGet();
                request.response().setStatusCode(503).end("busy");
                return;
            }
            synchronized (fake) {
                fake.received.add(new Received(Instant.now(), body.toJsonObject()));
            }
            request.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
        })).listen(0, "127.0.0.1"));
        return fake;
    }

    Notifier notifier(Vertx vertx, String channel) {
        return new GenericHttpNotifier(HttpTemplate.jsonPost(channel, url(), AlertServiceApp.WEBHOOK_BODY),
                WebClient.create(vertx), Clock.systemUTC());
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/push";
    }

    void refuseNext(int requests) {
        refuseNext.set(requests);
    }

    int refused() {
        return refused.get();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<Received> to(String address) {
        return received.stream().filter(r -> r.address().equals(address)).toList();
    }

    synchronized List<Received> matching(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    void close() {
        Await.result(server.close());
    }
}
