package io.hazardwatch.alerts.watchdog;

import io.hazardwatch.model.Heartbeat;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * Where the stages' heartbeats come from. The Kafka version is {@link io.hazardwatch.alerts.kafka.HeartbeatConsumer}.
 * Only fresh heartbeats matter: a source starts at the newest, never replays.
 */
public interface HeartbeatSource {

    /** What a source tells the watchdog; every call runs on the context given to {@link #start}. */
    interface Observer {
        void heartbeat(Heartbeat heartbeat);

        /** The broker answered (the source can reach it); called at least every few seconds while it does. */
        void brokerAnswered();

        /**
         * What the cluster is short of — partitions with fewer replicas in sync than they have — or null when
         * nothing is; called every few seconds by a source that can tell (not at all by one that cannot).
         */
        default void replicasShort(String shortage) {
        }
    }

    /** Starts reading in the background; completes once started, before any connection is made. */
    Future<Void> start(Context context, Observer observer);

    /** Stops reading and releases the connection. */
    Future<Void> stop();
}
