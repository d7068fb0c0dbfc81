package io.hazardwatch.alerts.ha;

import io.hazardwatch.alerts.web.Responses;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an instance answers about its role, in either role: {@code GET /ready} 200 only on the active instance once
 * its incidents are loaded (the balancer sends the board there), 503 with the role otherwise; {@code GET /metrics}
 * the role gauge. The standby answers everything else 503 "standby". No login: nothing here is confidential.
 */
final class RoleRoutes {

    /** This instance's role; only ACTIVE does any work. */
    enum Role { STANDBY, STARTING, ACTIVE, STOPPING }

    private final Supplier<Role> role;
    private final String instanceId;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    RoleRoutes(Supplier<Role> role, String instanceId) {
        this.role = role;
        this.instanceId = instanceId;
        Gauge.builder("hazardwatch.alerts.active", () -> role.get() == Role.ACTIVE ? 1 : 0)
                .description("1 while this alert service instance is the active one, 0 while it is the standby"
                        + " (or taking over, or stepping down)")
                .tag("instance", instanceId).register(metrics);
    }

    /** The routes both roles serve (the active one mounts them beside its /health). */
    void operations(Router router) {
        router.get("/ready").handler(this::ready);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
    }

    /** The standby's whole API: alive, not ready, and nothing else. */
    Router standby(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> Responses.json(ctx.response(), 200,
                Map.of("status", "UP", "role", "standby", "instance", instanceId)));
        operations(router);
        router.route().handler(ctx -> Responses.error(ctx.response(), 503, "standby",
                "this alert service (" + instanceId + ") is the standby; the active one serves the board"));
        return router;
    }

    private void ready(RoutingContext ctx) {
        Role now = role.get();
        Responses.json(ctx.response(), now == Role.ACTIVE ? 200 : 503, Map.of(
                "status", now == Role.ACTIVE ? "READY" : now.name().toLowerCase(java.util.Locale.ROOT),
                "role", now == Role.ACTIVE ? "active" : "standby", "instance", instanceId));
    }
}
