package io.hazardwatch.alerts;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.Map;

/**
 * Where the alarm transitions come from. The Kafka version is
 * {@link io.hazardwatch.alerts.kafka.AlarmEventConsumer}. The service resumes a source at the positions it
 * stored with its incident state; delivering a transition twice is harmless (incidents de-duplicate).
 */
public interface AlarmSource {

    enum State {
        /** Not yet reading: the broker or the topic is not there yet. */
        STARTING,
        /** Catching up from the stored position; the board is not complete yet. */
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
     * Starts delivering in the background: each record is run on {@code context} through {@code handler}, in
     * the order of the source, starting per partition at {@code from} (the next offset to read; partitions not
     * named start at the beginning). Completes once started, before any connection is made; fails only if the
     * source cannot be created at all (e.g. it is already started).
     */
    Future<Void> start(Context context, Map<Integer, Long> from, Handler<AlarmRecord> handler);

    State state();

    /** Stops delivering and releases the connection; completes when no more events will be handed over. */
    Future<Void> stop();
}
