package io.hazardwatch.alerts.ha;

import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.alerts.web.BoardListener;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.ha.RoleRoutes.Role;
import io.hazardwatch.alerts.store.StoreHealth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one instance of an active + standby pair (issue 18): as standby it serves only /health, /ready
 * (503 "standby") and /metrics and does nothing else; elected by {@link Leadership} it starts the whole service
 * ({@link AlertServiceApp}) on a Vert.x of its own — the store's initTransactions fences a zombie active, the
 * incidents are loaded, alarms resume from the stored offsets, escalation timers and the outbox from the incidents'
 * state — and deposed (or fenced off the store) it closes that Vert.x, which stops every consumer, timer and
 * notification of the term at once, and is standby again. Role changes run one after the other on one context.
 */
public final class ActiveStandby {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveStandby.class);
    /** An active term that cannot be stopped within this bound ends the process: never two actives. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(15);
    private static final Duration FENCE_CHECK = Duration.ofSeconds(1);
    /** How long a store opened ahead (the silent active dropped) waits for this standby's election before it closes. */
    private static final Duration PRELOAD_FOR = Duration.ofSeconds(20);

    private final AlertServiceConfig config;
    private final HaConfig ha;
    private final Vertx control;
    private final Context context;
    private final RoleRoutes routes;
    private final Leadership leadership;
    private volatile Role role = Role.STANDBY;
    // the fields below are only touched on the control context
    private boolean leader;
    private boolean closing;
    private Future<Void> transitions = Future.succeededFuture();
    private HttpServer standbyServer;
    private Vertx term;
    private AlertServiceApp app;
    private long electedAt;
    /** The next term's Vert.x and its store opening ahead, between this standby's drop of the active and its election. */
    private Ahead ahead;

    private record Ahead(Vertx vertx, AlertServiceApp.Preload preload) {
    }

    private ActiveStandby(AlertServiceConfig config, HaConfig ha) {
        this.config = config;
        this.ha = ha;
        this.control = Vertx.vertx();
        this.context = control.getOrCreateContext();
        this.routes = new RoleRoutes(() -> role, ha.instanceId());
        this.leadership = new Leadership(ha, config.kafkaBootstrap(), config.kafkaAuth(), new Leadership.Listener() {
            @Override
            public void elected() {
                context.runOnContext(v -> onElected());
            }

            @Override
            public void deposed(String why) {
                context.runOnContext(v -> onDeposed(why));
            }

            @Override
            public void dropped(String active) {
                context.runOnContext(v -> onDropped(active));
            }
        });
    }

    /** Serves as standby, then competes for the role; completes once the standby answers. */
    public static ActiveStandby start(AlertServiceConfig config, HaConfig ha) throws Exception {
        ActiveStandby instance = new ActiveStandby(config, ha);
        instance.onContext(instance::serveStandby).get(30, TimeUnit.SECONDS);
        LOG.info("alert service {} is standby on http://{}:{}/ (leader group {} on {})", ha.instanceId(),
                config.httpHost(), config.httpPort(), ha.group(), ha.leaderTopic());
        instance.leadership.start();
        instance.control.executeBlocking(() -> {
            // an instance elected at once (the first of a pair) starts for real instead: no rehearsal beside it
            WarmUp.run(config, () -> instance.role == Role.STANDBY);
            return null;
        }, false);
        instance.control.setPeriodic(FENCE_CHECK.toMillis(), id -> instance.checkFenced());
        return instance;
    }

    /** Stops: an active term first (its work ends before the group hands the role on), then leaves the group. */
    public void stop() throws Exception {
        onContext(() -> {
            closing = true;
            return enqueue(() -> becomeStandby("the instance is stopping"));
        }).get(STOP_BOUND.toSeconds() + 5, TimeUnit.SECONDS);
        leadership.close();
        onContext(() -> standbyServer == null ? Future.succeededFuture() : standbyServer.close())
                .get(5, TimeUnit.SECONDS);
        control.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private void onElected() {
        leader = true;
        electedAt = System.nanoTime();
        enqueue(this::becomeActive);
    }

    private void onDeposed(String why) {
        leader = false;
        enqueue(() -> becomeStandby(why));
    }

    /**
     * This standby had the silent active dropped: the group hands the role on a second or two later, a time the
     * store's opening (its fence of the dropped active, the state read) can use. Dropping the active already decided
     * that it must stop, and its store would be fenced anyway by whoever is elected. A store opened ahead that the
     * election does not follow within {@link #PRELOAD_FOR} (another standby elected, this one deposed) is closed.
     */
    private void onDropped(String active) {
        enqueue(() -> {
            if (leader || closing || term != null || ahead != null) {
                return Future.succeededFuture();
            }
            LOG.info("alert service {} had the silent active {} dropped: opening the incident store ahead (it fences"
                    + " {}) while the group hands the role on", ha.instanceId(), active, active);
            return newVertx().map(made -> {
                Ahead opened = new Ahead(made, AlertServiceApp.Preload.begin(made, config));
                ahead = opened;
                control.setTimer(PRELOAD_FOR.toMillis(), id -> context.runOnContext(v -> {
                    if (ahead == opened) {
                        LOG.info("alert service {} was not elected within {} s of dropping the active: closing the"
                                + " store it opened ahead", ha.instanceId(), PRELOAD_FOR.toSeconds());
                        discardAhead();
                    }
                }));
                return (Void) null;
            }).recover(e -> {
                LOG.warn("alert service {} could not open the incident store ahead ({}): it opens when elected",
                        ha.instanceId(), e.toString());
                return Future.succeededFuture();
            });
        });
    }

    /** Closes a store opened ahead and its Vert.x (not used: this instance was not elected after all). */
    private void discardAhead() {
        Ahead unused = ahead;
        ahead = null;
        if (unused != null) {
            unused.preload().discard().eventually(() -> control.executeBlocking(() -> {
                unused.vertx().close().toCompletionStage().toCompletableFuture().get(STOP_BOUND.toSeconds(),
                        TimeUnit.SECONDS);
                return null;
            }, false));
        }
    }

    /** A Vert.x for a term, made off any Vert.x thread (one made on a context would share nothing, but warns). */
    private Future<Vertx> newVertx() {
        return Future.fromCompletionStage(java.util.concurrent.CompletableFuture.supplyAsync(Vertx::vertx), context);
    }

    private Future<Void> becomeActive() {
        if (!leader || closing || term != null) {
            return Future.succeededFuture();
        }
        Ahead opened = ahead;
        ahead = null;
        changeRole(Role.STARTING, "elected by the leader group: taking over" + (opened == null ? ""
                : " (its incident store opening since the active was dropped)"));
        return closeStandbyServer().compose(v -> opened != null ? Future.succeededFuture(opened.vertx()) : newVertx())
                .compose(made -> {
            term = made;
            return opened != null ? AlertServiceApp.start(made, config, routes::operations, opened.preload())
                    : AlertServiceApp.start(made, config, routes::operations);
        }).onSuccess(started -> {
            app = started;
            started.loaded().onComplete(loaded -> context.runOnContext(x -> {
                if (app == started && loaded.succeeded()) {
                    changeRole(Role.ACTIVE, String.format("incidents loaded, alarms resumed %d ms after the election",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - electedAt)));
                }
            }));
        }).<Void>mapEmpty().recover(e -> {
            LOG.error("alert service {} cannot become active: {}; giving the role up", ha.instanceId(), e.toString());
            leadership.resign();
            return becomeStandby("could not start: " + e);
        });
    }

    private Future<Void> becomeStandby(String why) {
        discardAhead();
        if (term == null && role == Role.STANDBY) {
            return Future.succeededFuture();
        }
        changeRole(Role.STOPPING, why);
        return stopTerm().compose(v -> serveStandby()).onSuccess(v -> changeRole(Role.STANDBY, "stopped"));
    }

    /** An active whose store refuses it for good (another instance fenced it) stops at once and gives the role up. */
    private void checkFenced() {
        AlertServiceApp current = app;
        if (current == null || role != Role.ACTIVE) {
            return;
        }
        current.storeHealth().onSuccess(health -> context.runOnContext(v -> {
            if (app == current && health.state() == StoreHealth.State.FAILED) {
                leadership.resign();
                onDeposed("incident store " + health.describe());
            }
        }));
    }

    private Future<Void> stopTerm() {
        AlertServiceApp stopping = app;
        Vertx closing = term;
        app = null;
        term = null;
        if (closing == null) {
            return Future.succeededFuture();
        }
        // blocking, off the closing Vert.x: a future chained onto its close could never complete
        return control.executeBlocking(() -> {
            try {
                if (stopping != null) {
                    stopping.stop().toCompletionStage().toCompletableFuture()
                            .get(STOP_BOUND.toSeconds() / 2, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                LOG.warn("active term did not stop cleanly: {}; closing its Vert.x", e.toString());
            }
            try {
                closing.close().toCompletionStage().toCompletableFuture()
                        .get(STOP_BOUND.toSeconds() / 2, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.error("alert service {} could not stop being active ({}): exiting, so that two instances never"
                        + " act at once", ha.instanceId(), e.toString());
                Runtime.getRuntime().halt(1);
            }
            return null;
        }, false);
    }

    private Future<Void> serveStandby() {
        // the same listener the active service opens (AlertVerticle), so the balancer's checks reach either
        return control.createHttpServer(BoardListener.options(config)).requestHandler(routes.standby(control)).listen()
                .onSuccess(server -> standbyServer = server).mapEmpty();
    }

    private Future<Void> closeStandbyServer() {
        HttpServer server = standbyServer;
        standbyServer = null;
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void changeRole(Role next, String why) {
        Role was = role;
        role = next;
        LOG.info("alert service {} role {} -> {}: {}", ha.instanceId(), was, next, why);
    }

    /** Runs {@code step} after the role changes queued before it (whatever their outcome). */
    private Future<Void> enqueue(Supplier<Future<Void>> step) {
        transitions = transitions.transform(done -> step.get());
        return transitions;
    }

    private java.util.concurrent.CompletableFuture<Void> onContext(Supplier<Future<Void>> step) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> step.get().onComplete(done));
        return done.future().toCompletionStage().toCompletableFuture();
    }
}
