package io.hazardwatch.ingest.guard;

import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.logins.LoginThrottle;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;

/**
 * The gateway's defences at its login edges, built once by the composition root: sockets that have not logged in
 * ({@link SocketGuard}), password guessing ({@link LoginThrottle}) and unknown usernames ({@link LoginCandidates}).
 */
public record Guards(SocketGuard sockets, LoginThrottle throttle, LoginCandidates candidates) {

    public static Guards create(Vertx vertx, IngestConfig.Guard config, IngestMetrics metrics) {
        SocketGuard sockets = new SocketGuard(vertx, config.connectTimeout(), config.maxUnauthenticated(),
                config.maxUnauthenticatedPerAddress(), metrics::connectionRefused);
        Gauge.builder("hazardwatch.ingest.connections.unauthenticated", sockets, SocketGuard::unauthenticated)
                .description("MQTT sockets accepted whose CONNECT is not accepted yet").register(metrics.registry());
        return new Guards(
                sockets,
                new LoginThrottle(config.throttleAfterFailures(), config.throttleWindow(),
                        config.throttleFirstDelay(), config.throttleMaxDelay(),
                        config.throttleMaxEntries(), System::nanoTime),
                new LoginCandidates());
    }
}
