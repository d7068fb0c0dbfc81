package io.hazardwatch.alerts.watchdog;

import java.util.Locale;

/** The parts of the monitoring chain the duty board shows in its header, in the order a reading passes them. */
public enum Stage {
    /** The MQTT/HTTP ingest gateway (its heartbeats). */
    GATEWAY,
    /** The Kafka broker, as the alert service's own consumers reach it. */
    KAFKA,
    /** The Flink detection job (its heartbeats: alive, and how far behind). */
    DETECTION,
    /** The job writing readings to InfluxDB (its heartbeats: alive, and whether its writes fail). */
    HISTORY,
    /** The alert service's own messages to the on-call, and its incident store. */
    NOTIFICATIONS;

    /** The stage's id in the API, on the board and in a system incident's alarm key: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
