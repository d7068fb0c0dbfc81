package io.hazardwatch.streamjobs.heartbeat;

import io.hazardwatch.model.Heartbeat;

/** Sends heartbeats without waiting for them to arrive; never throws for a failed send (a heartbeat is not data). */
public interface HeartbeatSender extends AutoCloseable {

    void send(Heartbeat heartbeat);

    @Override
    void close();
}
