package io.hazardwatch.alerts.sentinel;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sentinel watches and when it pages (the {@code sentinel.*} keys, in the alert service's own config file).
 *
 * @param watch     {@value #WATCH}: the alert service's {@code /health} URLs, comma-separated; the service counts as
 *                  up while any answers 200. Default: {@code /health} on {@code alert.http.host}:{@code alert.http.port}
 *                  of the same file (an active + standby pair: the balancer's board address)
 * @param downAfter {@value #DOWN_AFTER}: how long without a 200 before the on-call is paged, 60 s by default (longer
 *                  than a restart or a standby's takeover)
 * @param repeat    {@value #REPEAT}: how often the page is sent again while the service stays down, 15 min by default
 * @param check     {@value #CHECK}: how often each URL is asked (and how long an answer may take), 2 s by default
 */
public record SentinelConfig(List<URI> watch, Duration downAfter, Duration repeat, Duration check) {

    public static final String WATCH = "sentinel.watch";
    public static final String DOWN_AFTER = "sentinel.down-after-seconds";
    public static final String REPEAT = "sentinel.repeat-minutes";
    public static final String CHECK = "sentinel.check-seconds";

    public SentinelConfig {
        watch = List.copyOf(watch);
    }

    public static SentinelConfig from(Settings settings, AlertServiceConfig alerts) {
        String host = alerts.httpHost().equals("0.0.0.0") || alerts.httpHost().equals("::") ? "127.0.0.1" : alerts.httpHost();
        String scheme = alerts.httpTls() == null ? "http" : "https";
        String fallback = scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + alerts.httpPort() + "/health";
        List<URI> watch = new ArrayList<>();
        for (String url : settings.string(WATCH, fallback).split(",")) {
            String trimmed = url.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(WATCH + ": '" + trimmed + "' is not a URL");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getPort() == 0) {
                throw new ConfigException(WATCH + ": '" + trimmed + "' is not an http(s) URL with a host and a port");
            }
            watch.add(uri);
        }
        if (watch.isEmpty()) {
            throw new ConfigException(WATCH + ": no URL to watch");
        }
        return new SentinelConfig(watch, Duration.ofSeconds(settings.integer(DOWN_AFTER, 60, 5, 3_600)),
                Duration.ofMinutes(settings.integer(REPEAT, 15, 1, 1_440)),
                Duration.ofSeconds(settings.integer(CHECK, 2, 1, 60)));
    }
}
