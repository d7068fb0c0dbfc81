package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.AlarmSource;
import io.hazardwatch.alerts.store.StoreHealth;
import io.hazardwatch.alerts.web.Responses;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 {@code {"status":"UP"}} while the alarm feed runs and the incident store commits, else
 * 503 with the reason ({@code incidentStore: "FAILING since <time>: <reason>"}, pending changes). No login.
 */
public final class HealthApi {

    private final Supplier<AlarmSource.State> feedState;
    private final Supplier<StoreHealth> storeHealth;

    public HealthApi(Supplier<AlarmSource.State> feedState, Supplier<StoreHealth> storeHealth) {
        this.feedState = feedState;
        this.storeHealth = storeHealth;
    }

    /** The config files reloaded without a restart and the versions in use (issue 21, shifts); null = not shown. */
    private Supplier<?> configFiles;

    /** Also shows {@code configFiles}: each reloadable file's key, version in use, when loaded, a refused change. */
    public HealthApi withConfigFiles(Supplier<?> configFiles) {
        this.configFiles = configFiles;
        return this;
    }

    void reportHealth(RoutingContext ctx) {
        AlarmSource.State state = feedState.get();
        StoreHealth store = storeHealth.get();
        // a store that does not commit means decided messages that are not sent: that is down, not up
        boolean up = state.isRunning() && store.ok();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("alarmFeed", state.name());
        body.put("incidentStore", store.describe());
        body.put("pendingChanges", store.pendingChanges());
        body.put("oldestPendingSeconds", store.oldestPendingSeconds(Instant.now()));
        body.put("droppedChanges", store.droppedChanges());
        if (configFiles != null) {
            body.put("configFiles", configFiles.get());
        }
        Responses.json(ctx.response(), up ? 200 : 503, body);
    }
}
