package io.hazardwatch.alerts.config;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.nio.file.Path;

/**
 * Where the enterprises' attachments are kept and how large they may be, and the board's public address for the
 * links in feedback requests.
 *
 * @param attachmentsDir       {@value #ATTACHMENTS_DIR}: the directory the files are written to (never Kafka),
 *                             default {@value #DEFAULT_ATTACHMENTS_DIR} under the working directory
 * @param attachmentMaxBytes   {@value #ATTACHMENT_MAX_BYTES}: largest file, default 5 MB (5 242 880), at most 50 MB
 * @param attachmentsPerIncident {@value #ATTACHMENTS_PER_INCIDENT}: most files per incident, default 10, at most 50
 * @param publicUrl            {@value #PUBLIC_URL}: the board as the enterprises reach it, ending in {@code /};
 *                             default {@code http://<alert.http.host>:<alert.http.port>/}
 * @param sessionIdle          {@value #SESSION_IDLE_MINUTES}: a board login (session cookie) ends after this long
 *                             without a request, default 30 minutes, 1 to 1 440 (issue 16)
 */
public record FeedbackConfig(Path attachmentsDir, int attachmentMaxBytes, int attachmentsPerIncident,
                             String publicUrl, java.time.Duration sessionIdle) {

    public static final String SESSION_IDLE_MINUTES = "alert.board.session-idle-minutes";

    public FeedbackConfig(Path attachmentsDir, int attachmentMaxBytes, int attachmentsPerIncident, String publicUrl) {
        this(attachmentsDir, attachmentMaxBytes, attachmentsPerIncident, publicUrl, java.time.Duration.ofMinutes(30));
    }

    public static final String ATTACHMENTS_DIR = "alert.attachments.dir";
    public static final String ATTACHMENT_MAX_BYTES = "alert.attachments.max-bytes";
    public static final String ATTACHMENTS_PER_INCIDENT = "alert.attachments.max-per-incident";
    public static final String PUBLIC_URL = "alert.board.public-url";
    public static final String DEFAULT_ATTACHMENTS_DIR = "data/attachments";

    public static FeedbackConfig defaults(String host, int port) {
        return new FeedbackConfig(Path.of(DEFAULT_ATTACHMENTS_DIR), 5 * 1024 * 1024, 10,
                "http://" + host + ":" + port + "/");
    }

    static FeedbackConfig from(Settings settings, String host, int port) {
        FeedbackConfig defaults = defaults(host, port);
        String url = settings.string(PUBLIC_URL, defaults.publicUrl());
        if (!url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new ConfigException(PUBLIC_URL + ": '" + url + "' is not an http:// or https:// URL");
        }
        String dir = settings.string(ATTACHMENTS_DIR, DEFAULT_ATTACHMENTS_DIR);
        if (dir.isBlank()) {
            throw new ConfigException(ATTACHMENTS_DIR + ": must name a directory");
        }
        return new FeedbackConfig(Path.of(dir),
                settings.integer(ATTACHMENT_MAX_BYTES, defaults.attachmentMaxBytes(), 1024, 50 * 1024 * 1024),
                settings.integer(ATTACHMENTS_PER_INCIDENT, defaults.attachmentsPerIncident(), 1, 50),
                url.endsWith("/") ? url : url + "/",
                java.time.Duration.ofMinutes(settings.integer(SESSION_IDLE_MINUTES, 30, 1, 1440)));
    }
}
