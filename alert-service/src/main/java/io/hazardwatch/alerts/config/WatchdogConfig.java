package io.hazardwatch.alerts.config;

import io.hazardwatch.model.Topics;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The watchdog's settings (the dead man's switch of the monitoring chain), each with its {@code HW_*} override.
 *
 * @param heartbeatsTopic    {@value #TOPIC_HEARTBEATS}: the stages' heartbeats, default {@link Topics#HEARTBEATS}
 * @param detectionSilence   {@value #DETECTION_SILENCE_MS}: detection DOWN after this long without a heartbeat, default 30 s
 * @param startGrace         {@value #START_GRACE_MS}: a stage never heard from is DOWN this long after the watchdog
 *                           could first read the topic (a job that never came up is down too), default 60 s
 * @param detectionLag       {@value #DETECTION_LAG_MS}: detection DEGRADED when a subtask's lag is above this, default 30 s
 * @param historySilence     {@value #HISTORY_SILENCE_MS}: history store DEGRADED after this long without a heartbeat, default 60 s
 * @param historyFailing     {@value #HISTORY_FAILING_MS}: history store DEGRADED when its writes have failed this long, default 60 s
 * @param gatewaySilence     {@value #GATEWAY_SILENCE_MS}: gateway DOWN after this long without a heartbeat, default 30 s
 * @param kafkaUnreachable   {@value #KAFKA_UNREACHABLE_MS}: Kafka DOWN when the broker has not answered this long, default 15 s
 * @param notifyFailures     {@value #NOTIFY_FAILURES}: notifications DEGRADED after this many failed sends in a row, default 3
 * @param gridCell           {@value #GRID_CELL}: whose on-call is told of a stage's system incident; {@code *}
 *                           (default) = the on-call people of every grid cell (a blind platform concerns all)
 */
public record WatchdogConfig(String heartbeatsTopic, Duration detectionSilence, Duration startGrace,
                             Duration detectionLag, Duration historySilence, Duration historyFailing,
                             Duration gatewaySilence, Duration kafkaUnreachable, int notifyFailures, String gridCell) {

    public static final String TOPIC_HEARTBEATS = "topic.heartbeats";
    public static final String DETECTION_SILENCE_MS = "alert.watchdog.detection-silence-ms";
    public static final String START_GRACE_MS = "alert.watchdog.start-grace-ms";
    public static final String DETECTION_LAG_MS = "alert.watchdog.detection-lag-ms";
    public static final String HISTORY_SILENCE_MS = "alert.watchdog.history-silence-ms";
    public static final String HISTORY_FAILING_MS = "alert.watchdog.history-failing-ms";
    public static final String GATEWAY_SILENCE_MS = "alert.watchdog.gateway-silence-ms";
    public static final String KAFKA_UNREACHABLE_MS = "alert.watchdog.kafka-unreachable-ms";
    public static final String NOTIFY_FAILURES = "alert.watchdog.notify-failures";
    public static final String GRID_CELL = "alert.watchdog.grid-cell";
    /** The grid cell that stands for every cell (rotas and users of all cells). */
    public static final String ALL_CELLS = "*";

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern CELL = Pattern.compile("\\*|[A-Za-z0-9._-]{1,64}");
    private static final int HOUR_MS = 3_600_000;

    public static WatchdogConfig defaults() {
        return new WatchdogConfig(Topics.HEARTBEATS, Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(15), 3, ALL_CELLS);
    }

    public static WatchdogConfig from(Settings settings) {
        WatchdogConfig d = defaults();
        String topic = settings.string(TOPIC_HEARTBEATS, d.heartbeatsTopic);
        if (!TOPIC.matcher(topic).matches()) {
            throw new ConfigException(TOPIC_HEARTBEATS + ": '" + topic + "' is not a valid Kafka topic name");
        }
        String cell = settings.string(GRID_CELL, d.gridCell);
        if (!CELL.matcher(cell).matches()) {
            throw new ConfigException(GRID_CELL + ": '" + cell + "' is not a grid cell id or *");
        }
        return new WatchdogConfig(topic,
                millis(settings, DETECTION_SILENCE_MS, d.detectionSilence),
                millis(settings, START_GRACE_MS, d.startGrace),
                millis(settings, DETECTION_LAG_MS, d.detectionLag),
                millis(settings, HISTORY_SILENCE_MS, d.historySilence),
                millis(settings, HISTORY_FAILING_MS, d.historyFailing),
                millis(settings, GATEWAY_SILENCE_MS, d.gatewaySilence),
                millis(settings, KAFKA_UNREACHABLE_MS, d.kafkaUnreachable),
                settings.integer(NOTIFY_FAILURES, d.notifyFailures, 1, 1000),
                cell);
    }

    private static Duration millis(Settings settings, String key, Duration defaultValue) {
        return Duration.ofMillis(settings.integer(key, (int) defaultValue.toMillis(), 100, HOUR_MS));
    }
}
