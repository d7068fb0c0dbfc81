package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.watchdog.MonitoringView;
import io.hazardwatch.alerts.web.BasicAuth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/** {@code GET /api/monitoring}: the state of each stage of the monitoring chain (the watchdog's view). */
public final class MonitoringApi {

    private final Supplier<MonitoringView> monitoring;

    public MonitoringApi(Supplier<MonitoringView> monitoring) {
        this.monitoring = monitoring;
    }

    void reportMonitoring(RoutingContext ctx) {
        MonitoringView view = monitoring.get();
        if (view == null) {
            Responses.error(ctx.response(), 503, "not_ready", "the watchdog has not judged the stages yet");
            return;
        }
        User user = BasicAuth.user(ctx);
        Responses.json(ctx.response(), 200, new MonitoringView(view.at(), view.stages(), view.silentEnterprises()
                .stream().filter(s -> Access.maySee(user, s.enterprise(), s.gridCell())).toList()));
    }
}
