package io.hazardwatch.ingest.kafka;

import io.hazardwatch.model.Heartbeat;
import io.vertx.core.Future;

/**
 * Hands heartbeats to the heartbeats topic. The Future fails when the broker did not take it within a few seconds;
 * a heartbeat is never retried (the next one follows). Sending never waits on, or delays, the readings' producer.
 */
public interface HeartbeatSink {

    Future<Void> send(Heartbeat heartbeat);

    Future<Void> close();
}
