package io.hazardwatch.streamjobs.heartbeat;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where a job's heartbeats go, and how often. Serializable: it travels inside the job to the task managers, where
 * each subtask opens its own {@link HeartbeatSender} (the Kafka one: {@code kafka.KafkaHeartbeatSink}).
 */
public interface HeartbeatSink extends Serializable {

    /** How often each subtask sends one (5 s unless a test wants it faster). */
    Duration interval();

    /** A sender for one subtask; {@code clientId} names it (e.g. in the broker's logs). */
    HeartbeatSender open(String clientId);
}
