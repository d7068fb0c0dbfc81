package io.hazardwatch.alerts;

import io.hazardwatch.model.AlarmEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * Where the board's alarm transitions come from. The Kafka version is
 * {@link io.hazardwatch.alerts.kafka.AlarmEventConsumer}; the board trusts a source to deliver the whole
 * history it needs (it de-duplicates, so delivering a transition twice is harmless).
 */
public interface AlarmSource {

    enum State {
        /** Not yet reading: the broker or the topic is not there yet. */
        STARTING,
        /** Re-reading the history to rebuild the board; the board is not complete yet. */
        REPLAYING,
        /** Caught up, following new alarms as they come. */
        LIVE,
        /** Was reading, but the broker does not answer: new alarms may be missing from the board. */
        DISCONNECTED,
        STOPPED,
        /** Gave up on an error that retrying will not fix; see the log. */
        FAILED;

        public boolean isRunning() {
            return this == REPLAYING || this == LIVE;
        }
    }

    /**
     * Starts delivering in the background: each event is run on {@code context} through {@code handler}, in
     * the order of the source. Completes once started, before any connection is made; fails only if the
     * source cannot be created at all (e.g. it is already started).
     */
    Future<Void> start(Context context, Handler<AlarmEvent> handler);

    State state();

    /** Stops delivering and releases the connection; completes when no more events will be handed over. */
    Future<Void> stop();
}
