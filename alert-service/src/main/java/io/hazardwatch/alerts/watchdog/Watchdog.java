package io.hazardwatch.alerts.watchdog;

import io.hazardwatch.alerts.AlarmSource;
import io.hazardwatch.alerts.IncidentEngine;
import io.hazardwatch.alerts.incident.Incident;
import io.hazardwatch.model.Heartbeat;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead man's switch of the monitoring chain: feeds what it observes into {@link StageHealth}, and every tick
 * judges the stages → tells the board when a stage changes → raises or clears the system incidents through the
 * engine ({@link SystemIncidentPlan}). Runs on the verticle's context; nothing here needs locking.
 */
public final class Watchdog implements HeartbeatSource.Observer {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final IncidentEngine engine;
    private final StageHealth health;
    private final SilentEnterprises silentEnterprises;
    private final HeartbeatSource source;
    private final Supplier<AlarmSource.State> feedState;
    private final Supplier<String> storeProblem;
    private final Clock clock;
    private final Duration tick;
    private final List<Consumer<MonitoringView>> listeners = new ArrayList<>();
    private MonitoringView view;
    private long timer = -1;
    private long retryTimer = -1;
    private boolean stopped;

    /**
     * @param storeProblem why the incident store fails, or null while it works (the hook for the store's health)
     */
    public Watchdog(Vertx vertx, IncidentEngine engine, StageHealth health, SilentEnterprises silentEnterprises,
                    HeartbeatSource source, Supplier<AlarmSource.State> feedState, Supplier<String> storeProblem,
                    Clock clock, Duration tick) {
        this.vertx = vertx;
        this.engine = engine;
        this.health = health;
        this.silentEnterprises = silentEnterprises;
        this.source = source;
        this.feedState = feedState;
        this.storeProblem = storeProblem;
        this.clock = clock;
        this.tick = tick;
    }

    /** Told with the new view whenever a stage's state or reason, or the silent enterprises, change. */
    public void addListener(Consumer<MonitoringView> listener) {
        listeners.add(listener);
    }

    /**
     * Starts judging; without a heartbeat source (tests of other parts) the watchdog stays off. Never fails: a
     * source that cannot be created yet (e.g. the broker's name does not resolve) is retried, and meanwhile the
     * stages are judged as what they are — Kafka unreachable.
     */
    public Future<Void> start(Context context) {
        if (source == null) {
            return Future.succeededFuture();
        }
        check();
        timer = vertx.setPeriodic(tick.toMillis(), id -> check());
        startSource(context, null);
        return Future.succeededFuture();
    }

    public Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(timer);
        vertx.cancelTimer(retryTimer);
        return source == null ? Future.succeededFuture() : source.stop();
    }

    private void startSource(Context context, String lastProblem) {
        source.start(context, this).onFailure(e -> {
            if (stopped) {
                return;
            }
            if (!e.toString().equals(lastProblem)) {
                LOG.warn("watchdog cannot read heartbeats yet ({}); retrying every {} s", e.toString(), RETRY.toSeconds());
            }
            retryTimer = vertx.setTimer(RETRY.toMillis(), id -> startSource(context, e.toString()));
        });
    }

    /** The stages as last judged. */
    public MonitoringView view() {
        return view;
    }

    // ---- observations ----------------------------------------------------------------------------------

    @Override
    public void heartbeat(Heartbeat heartbeat) {
        health.heartbeat(heartbeat, clock.instant());
    }

    @Override
    public void brokerAnswered() {
        health.brokerAnswered(clock.instant());
    }

    @Override
    public void replicasShort(String shortage) {
        health.replicasShort(shortage);
    }

    // ---- step: judge, tell the board, raise or clear ---------------------------------------------------

    void check() {
        Instant now = clock.instant();
        List<StageStatus> stages = health.evaluate(now, feedProblem(), storeProblem.get());
        List<Incident> active = engine.book().active();
        MonitoringView next = new MonitoringView(now, stages,
                silentEnterprises.find(active.stream().map(Incident::alarm).toList()));
        if (next.differsFrom(view)) {
            logChanges(view, next);
            view = next;
            listeners.forEach(l -> l.accept(next));
        }
        // only once the stored incidents are back: they are the memory of which system incidents are open
        if (engine.ready()) {
            for (SystemIncidentPlan.Step step : SystemIncidentPlan.due(next.stages(), next.silentEnterprises(),
                    active.stream().map(Incident::alarm).toList(), now)) {
                engine.onSystemAlarm(step.event(), step.note());
            }
        }
    }

    private String feedProblem() {
        return switch (feedState.get()) {
            case DISCONNECTED -> "the alarm feed lost the broker: new alarms may be missing from the board";
            case FAILED -> "the alarm feed gave up (see the alert service's log): new alarms do not reach the board";
            default -> null;
        };
    }

    private static void logChanges(MonitoringView before, MonitoringView after) {
        for (StageStatus status : after.stages()) {
            StageStatus old = before == null ? null : before.stages().stream()
                    .filter(s -> s.stage() == status.stage()).findFirst().orElse(null);
            if (old == null || old.state() != status.state()) {
                String line = "monitoring: {} {} ({})";
                if (status.state().isFault()) {
                    LOG.warn(line, status.stage().id(), status.state(), status.reason());
                } else {
                    LOG.info(line, status.stage().id(), status.state(), status.reason());
                }
            }
        }
    }
}
