package io.hazardwatch.alerts.config;

import io.hazardwatch.model.config.Settings;
import java.time.Duration;

/**
 * Bounds that keep the incident store writing whatever people type and however long Kafka is away.
 *
 * @param commentMaxChars   {@value #COMMENT_MAX_CHARS}: longest comment, default {@value #DEFAULT_COMMENT_MAX_CHARS}
 *                          characters, at most {@value #COMMENT_MAX_CHARS_CEILING} (what the incident's state record
 *                          has room for: see {@code store.StateRecords})
 * @param storeFailingAfter {@value #STORE_FAILING_AFTER_MS}: a change uncommitted this long makes the store FAILING
 *                          in {@code /health}, default 10 000 ms
 * @param commandWait       {@value #COMMAND_WAIT_MS}: longest a person's command (acknowledge, comment, close,
 *                          silence) waits for its commit before the answer says "not stored yet", default 5 000 ms
 */
public record IncidentLimits(int commentMaxChars, Duration storeFailingAfter, Duration commandWait) {

    public static final String COMMENT_MAX_CHARS = "alert.comment.max-chars";
    public static final String STORE_FAILING_AFTER_MS = "alert.store.failing-after-ms";
    public static final String COMMAND_WAIT_MS = "alert.store.command-wait-ms";
    public static final int DEFAULT_COMMENT_MAX_CHARS = 4_000;
    public static final int COMMENT_MAX_CHARS_CEILING = 6_000;

    public static final IncidentLimits DEFAULTS = new IncidentLimits(DEFAULT_COMMENT_MAX_CHARS, Duration.ofSeconds(10),
            Duration.ofSeconds(5));

    public static IncidentLimits from(Settings settings) {
        return new IncidentLimits(
                settings.integer(COMMENT_MAX_CHARS, DEFAULT_COMMENT_MAX_CHARS, 1, COMMENT_MAX_CHARS_CEILING),
                Duration.ofMillis(settings.integer(STORE_FAILING_AFTER_MS, 10_000, 100, 600_000)),
                Duration.ofMillis(settings.integer(COMMAND_WAIT_MS, 5_000, 100, 60_000)));
    }
}
