package io.hazardwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * "This stage of the monitoring chain is alive", sent every few seconds by each running instance of a stage
 * on {@link Topics#HEARTBEATS}, key {@code stage/instance}. The alert service's watchdog raises a system
 * incident ("monitoring degraded") when a stage's heartbeats stop, fall behind or report a failure: a dead
 * detection job must not look like a calm park.
 *
 * @param stage        which part of the chain
 * @param instance     which instance of it, e.g. the detection subtask "detection-0" or a gateway's host:port
 * @param time         wall-clock time the heartbeat was sent
 * @param eventTime    newest event time the stage has judged or stored (the job's watermark); null if none yet
 * @param lagMillis    how far the stage is behind its input: for the detection job, how long the newest reading
 *                     it judged had waited since the gateway accepted it; null when idle (nothing to read)
 * @param failingSince when the stage's current run of failures began (e.g. the first of the history store's failed
 *                     writes since the last good one); null while it works
 * @param detail       for people on duty: the last error, or a short state such as "idle"; may be null
 */
public record Heartbeat(
        int schema,
        Stage stage,
        String instance,
        Instant time,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant eventTime,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long lagMillis,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant failingSince,
        @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {

    public static final int SCHEMA = 1;
    /**
     * The {@code detail} of an instance's last heartbeat when it stops on purpose (a graceful shutdown, e.g. one
     * gateway of several in a rolling restart): the watchdog stops counting that instance instead of calling it
     * silent. A detail, not a new field, so that every reader of schema 1 still parses it.
     */
    public static final String STOPPED = "stopped on purpose";

    /** The parts of the chain from a sensor to the duty room that send heartbeats. */
    public enum Stage {
        /** The MQTT/HTTP ingest gateway. */
        GATEWAY,
        /** The Flink detection job (one heartbeat per detection subtask). */
        DETECTION,
        /** The job that writes readings to the history store (InfluxDB). */
        HISTORY
    }

    public Heartbeat {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(time, "time");
    }

    /** The last heartbeat of an instance that stops on purpose ({@link #STOPPED}). */
    public static Heartbeat stopped(Stage stage, String instance, Instant time) {
        return new Heartbeat(SCHEMA, stage, instance, time, null, null, null, STOPPED);
    }

    /** Whether this is an instance's last heartbeat before it stopped on purpose. */
    public boolean saysStopped() {
        return STOPPED.equals(detail);
    }

    /** The Kafka record key: {@code stage/instance}. */
    public String key() {
        return stage + "/" + instance;
    }
}
