package io.hazardwatch.alerts;

import io.hazardwatch.alerts.board.ActiveAlarmBoard;
import io.hazardwatch.alerts.board.ActiveAlarmBoard.Outcome;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.http.AlarmApi;
import io.hazardwatch.alerts.http.AlarmStream;
import io.hazardwatch.model.AlarmEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the live board and keeps it current: alarm events from the source are applied to the board on this
 * verticle's context, and every change is pushed to the open streams. Board, streams and HTTP handlers all
 * run on this one context, so none of them needs locking.
 */
final class AlertVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(AlertVerticle.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final AlertServiceConfig config;
    private final ActiveAlarmBoard board;
    private final AlarmStream stream;
    private final AlarmSource source;
    private HttpServer server;
    private long heartbeatTimer = -1;

    AlertVerticle(AlertServiceConfig config, ActiveAlarmBoard board, AlarmStream stream, AlarmSource source) {
        this.config = config;
        this.board = board;
        this.stream = stream;
        this.source = source;
    }

    @Override
    public Future<?> start() {
        return serveBoard()
                .compose(v -> source.start(context, this::onAlarmEvent))
                .onSuccess(v -> heartbeatTimer = vertx.setPeriodic(HEARTBEAT.toMillis(), id -> stream.heartbeat()));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(heartbeatTimer);
        stream.closeAll();
        return source.stop().eventually(() -> server == null ? Future.succeededFuture() : server.close());
    }

    /** The port the board is actually served on (differs from the config when that asks for port 0). */
    int httpPort() {
        return server.actualPort();
    }

    private Future<Void> serveBoard() {
        AlarmApi api = new AlarmApi(board, stream, source::state);
        return vertx.createHttpServer(new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort()))
                .requestHandler(api.router(vertx))
                .listen()
                .onSuccess(s -> server = s)
                .mapEmpty();
    }

    void onAlarmEvent(AlarmEvent event) {
        Outcome outcome = board.apply(event);
        if (outcome.changedBoard()) {
            stream.publish(event);
        }
        logChange(event, outcome);
    }

    private void logChange(AlarmEvent event, Outcome outcome) {
        // While the board is being rebuilt after a restart, the history is not news for the people on duty.
        boolean news = outcome.changedBoard() && source.state() == AlarmSource.State.LIVE;
        if (news || LOG.isDebugEnabled()) {
            String line = "alarm " + outcome + ": " + event.alarmKey() + " " + event.transition() + " " + event.level()
                    + " value " + event.value() + " " + event.unit() + " (set point " + event.threshold()
                    + "), episode " + event.episodeStart() + "; " + board.size() + " active";
            if (news) {
                LOG.info(line);
            } else {
                LOG.debug(line);
            }
        }
    }
}
