package io.hazardwatch.alerts;

import io.hazardwatch.alerts.board.AlarmStream;
import io.hazardwatch.alerts.board.BoardRow;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.deadletter.DeadLetterFeed;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.alerts.risk.RiskState;
import io.hazardwatch.alerts.store.IncidentStore;
import io.hazardwatch.alerts.watchdog.Watchdog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.hazardwatch.alerts.web.BoardListener;
import io.vertx.ext.web.Router;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the API and keeps the incidents current: load the stored incidents → resume the alarm source where
 * the store says → apply each alarm record → tick for due escalation steps and retries. Engine, streams and
 * HTTP handlers all run on this one context, so none of them needs locking.
 */
final class AlertVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(AlertVerticle.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration LOAD_RETRY = Duration.ofSeconds(2);

    private final AlertServiceConfig config;
    private final IncidentEngine engine;
    private final AlarmStream stream;
    private final AlarmSource source;
    private final IncidentStore store;
    /** Every route of the API, mounted by the composition root. */
    private final Router router;
    /** Null: no dead-letter counts (tests on scripted edges). */
    private final DeadLetterFeed deadLetters;
    private final Watchdog watchdog;
    private HttpServer server;
    private long heartbeatTimer = -1;
    private long tickTimer = -1;
    private long loadTimer = -1;
    private String lastLoadProblem;
    private boolean stopped;
    private final Promise<Void> loaded = Promise.promise();
    /** The store's load begun before this verticle was deployed (null: none, or already taken). */
    private Future<IncidentStore.Snapshot> loadingAlready;

    AlertVerticle(AlertServiceConfig config, IncidentEngine engine, AlarmStream stream, AlarmSource source,
                  IncidentStore store, Watchdog watchdog,
                  DeadLetterFeed deadLetters, Router router) {
        this.deadLetters = deadLetters;
        this.config = config;
        this.engine = engine;
        this.stream = stream;
        this.source = source;
        this.store = store;
        this.router = router;
        this.watchdog = watchdog;
    }

    @Override
    public Future<?> start() {
        engine.addListener(new StreamListener());
        stream.withMonitoring(watchdog::view);
        watchdog.addListener(stream::publishMonitoring);
        return serve().compose(v -> watchdog.start(context)).onSuccess(v -> {
            // loaded in the background: the API answers (health DOWN) even while Kafka is away
            loadAndResume().onFailure(this::retryLoadLater);
            heartbeatTimer = vertx.setPeriodic(HEARTBEAT.toMillis(), id -> stream.heartbeat());
            tickTimer = vertx.setPeriodic(config.tick().toMillis(), id -> engine.tick());
            if (deadLetters != null) {
                deadLetters.start(context);
            }
        });
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(tickTimer);
        vertx.cancelTimer(loadTimer);
        stream.closeAll();
        // the consumers stop side by side, unordered (not queued behind the store's load): each may wait for a broker
        // that is away
        return Future.join(source.stop(), watchdog.stop(), deadLetters == null ? Future.succeededFuture()
                        : vertx.executeBlocking(() -> {
                            deadLetters.close();
                            return null;
                        }, false))
                .eventually(engine::stop)
                .eventually(store::close)
                .eventually(() -> server == null ? Future.succeededFuture() : server.close());
    }

    /** Uses {@code loading}, a load of the store begun ahead (beside the build), as the first load. */
    AlertVerticle loadingAlready(Future<IncidentStore.Snapshot> loading) {
        this.loadingAlready = loading;
        return this;
    }

    /** Completes once the stored incidents are loaded and the alarm source resumed. */
    Future<Void> loaded() {
        return loaded.future();
    }

    /** The port the API is actually served on (differs from the config when that asks for port 0). */
    java.util.List<String> routes() {
        java.util.List<String> routes = new java.util.ArrayList<>();
        for (io.vertx.ext.web.Route route : router.getRoutes()) {
            if (route.getPath() == null) {
                continue;
            }
            String path = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
            if (route.methods() == null || route.methods().isEmpty()) {
                routes.add("* " + path);
            } else {
                route.methods().forEach(m -> routes.add(m.name() + " " + path));
            }
        }
        return routes;
    }

    IncidentEngine engine() {
        return engine;
    }

    /** The store's health, read on this verticle's context (the engine's state is only touched there). */
    Future<io.hazardwatch.alerts.store.StoreHealth> storeHealth() {
        Promise<io.hazardwatch.alerts.store.StoreHealth> health = Promise.promise();
        context.runOnContext(v -> health.complete(engine.storeHealth()));
        return health.future();
    }

    int httpPort() {
        return server.actualPort();
    }

    private Future<Void> serve() {
        return vertx.createHttpServer(BoardListener.options(config))
                .requestHandler(router)
                .listen()
                .onSuccess(s -> server = s)
                .mapEmpty();
    }

    private Future<Void> loadAndResume() {
        return load()
                .map(engine::resume)
                .compose(offsets -> source.start(context, offsets, engine::onAlarm))
                .onSuccess(v -> {
                    engine.tick();
                    loaded.tryComplete();
                });
    }

    /** The load begun ahead the first time (its outcome handed over on this context), a new one after that. */
    private Future<IncidentStore.Snapshot> load() {
        Future<IncidentStore.Snapshot> begun = loadingAlready;
        loadingAlready = null;
        if (begun == null) {
            return store.load();
        }
        Promise<IncidentStore.Snapshot> here = Promise.promise();
        begun.onComplete(outcome -> context.runOnContext(v -> here.handle(outcome)));
        return here.future();
    }

    private void retryLoadLater(Throwable problem) {
        if (stopped) {
            return;
        }
        String text = problem.toString();
        if (!text.equals(lastLoadProblem)) {
            LOG.warn("cannot load incidents from {} yet ({}); retrying every {} s", config.incidentStateTopic(), text,
                    LOAD_RETRY.toSeconds());
            lastLoadProblem = text;
        }
        loadTimer = vertx.setTimer(LOAD_RETRY.toMillis(), id -> loadAndResume().onFailure(this::retryLoadLater));
    }

    /** Pushes changes to the open live-board streams: the row an alarm changed at once, the incident's once committed. */
    private final class StreamListener implements IncidentEngine.Listener {
        @Override
        public void alarmChanged(Incident incident) {
            stream.publishAlarm(BoardRow.of(incident));
        }

        @Override
        public void incidentChanged(Incident incident) {
            stream.publishIncident(BoardRow.of(incident));
        }

        @Override
        public void riskChanged(RiskState state) {
            stream.publishRisk(state);
        }
    }
}
