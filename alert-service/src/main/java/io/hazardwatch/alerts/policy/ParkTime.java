package io.hazardwatch.alerts.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How an instant is written for people and exports: in the park's time zone ({@link AlertingPolicy#timezone()}, the
 * one author of it), with its offset so that nothing is ambiguous — {@code 2026-11-24T16:00:00+08:00} — and the log
 * lines' zone, which the process is told by {@value #LOG_ZONE_PROPERTY} (deploy/run-local.sh reads it from the same
 * policy file).
 */
public final class ParkTime {

    /** The system property log4j2 writes log times in (see the services' log4j2.xml). */
    public static final String LOG_ZONE_PROPERTY = "hw.log.timezone";
    /** Where log4j2 falls back to when the property is not set: the policy's default. */
    public static final String DEFAULT_ZONE = "Asia/Shanghai";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private ParkTime() {
    }

    /** {@code instant} in {@code zone}, seconds and offset (e.g. {@code 2026-11-24T16:00:00+08:00}); "" for null. */
    public static String iso(Instant instant, ZoneId zone) {
        return instant == null ? "" : ISO.format(instant.atZone(zone));
    }

    /** Warns (one log line) when this process writes its log lines in another zone than the park's. */
    public static void warnIfLogsElsewhere(ZoneId park) {
        String mismatch = logZoneMismatch(System.getProperty(LOG_ZONE_PROPERTY), park);
        if (mismatch != null) {
            org.slf4j.LoggerFactory.getLogger(ParkTime.class).warn(mismatch);
        }
    }

    /**
     * Why the log lines are not in the park's zone, or null when they are: the process was started with another
     * {@value #LOG_ZONE_PROPERTY} (or none, and the park is not in the default zone).
     */
    public static String logZoneMismatch(String logZoneProperty, ZoneId park) {
        String logZone = logZoneProperty == null || logZoneProperty.isBlank() ? DEFAULT_ZONE : logZoneProperty.trim();
        try {
            if (ZoneId.of(logZone).normalized().equals(park.normalized()) || ZoneId.of(logZone).equals(park)) {
                return null;
            }
        } catch (java.time.DateTimeException e) {
            return "-D" + LOG_ZONE_PROPERTY + "=" + logZone + " is no time zone; the park's is " + park.getId();
        }
        return "log lines are written in " + logZone + " but the park's time zone (alerting policy) is " + park.getId()
                + ": start the service with -D" + LOG_ZONE_PROPERTY + "=" + park.getId();
    }
}
