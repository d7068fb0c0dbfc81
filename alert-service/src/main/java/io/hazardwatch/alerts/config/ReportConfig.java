package io.hazardwatch.alerts.config;

import io.hazardwatch.model.config.ConfigException;
import io.hazardwatch.model.config.InfluxCredentials;
import io.hazardwatch.model.config.Settings;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * The duty reports (issue 21), the incidents written to InfluxDB for the history charts, and the service's InfluxDB
 * logins (issue 16).
 *
 * @param dailyAt        {@value #DAILY_AT}: the park's local time (alerting policy {@code timezone}) at which the
 *                       previous day's report is generated and kept, default {@value #DEFAULT_DAILY_AT} (on Mondays
 *                       the previous week's too)
 * @param demoAfter      {@value #DEMO_AFTER_MINUTES}: minutes after start at which today's report so far is generated
 *                       and kept (the one-machine demo), default 0 = never
 * @param influxMarks    {@value #INFLUX_INCIDENTS}: whether incident changes are written to InfluxDB (measurement
 *                       {@code incident}, see {@code model.ReadingSeries}), default true
 * @param influxBuffer   {@value #INFLUX_INCIDENTS_BUFFER}: how many points may wait for InfluxDB; more are dropped
 *                       (counted), default 10000
 * @param historyLogin   {@code influx.username} + {@code influx.password-file} (or {@code HW_INFLUX_PASSWORD}): the
 *                       board's sensor history reads as this user (READ on the database); none = no authentication
 * @param marksLogin     {@code influx.incidents.username} + {@code influx.incidents.password-file} (or
 *                       {@code HW_INFLUX_INCIDENTS_PASSWORD}): the incident marks are written as this user (WRITE),
 *                       default the history login
 */
public record ReportConfig(LocalTime dailyAt, Duration demoAfter, boolean influxMarks, int influxBuffer,
                           InfluxCredentials historyLogin, InfluxCredentials marksLogin) {

    public ReportConfig {
        historyLogin = historyLogin == null ? InfluxCredentials.NONE : historyLogin;
        marksLogin = marksLogin == null ? historyLogin : marksLogin;
    }

    /** Without InfluxDB logins (an InfluxDB without authentication). */
    public ReportConfig(LocalTime dailyAt, Duration demoAfter, boolean influxMarks, int influxBuffer) {
        this(dailyAt, demoAfter, influxMarks, influxBuffer, InfluxCredentials.NONE, InfluxCredentials.NONE);
    }

    /** These settings with the InfluxDB logins of the board's history and of the incident marks. */
    public ReportConfig withInfluxLogins(InfluxCredentials history, InfluxCredentials marks) {
        return new ReportConfig(dailyAt, demoAfter, influxMarks, influxBuffer, history, marks);
    }

    public static final String DAILY_AT = "reports.dailyAt";
    public static final String DEMO_AFTER_MINUTES = "reports.demoAfterMinutes";
    public static final String INFLUX_INCIDENTS = "influx.incidents";
    public static final String INFLUX_INCIDENTS_BUFFER = "influx.incidents.buffer";
    public static final String DEFAULT_DAILY_AT = "08:00";

    public static final ReportConfig DEFAULTS = new ReportConfig(LocalTime.of(8, 0), Duration.ZERO, true, 10_000);

    public static ReportConfig from(Settings settings) {
        String raw = settings.string(DAILY_AT, DEFAULT_DAILY_AT);
        LocalTime dailyAt;
        try {
            dailyAt = LocalTime.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ConfigException(DAILY_AT + ": '" + raw + "' is not a local time such as 08:00");
        }
        String marks = settings.string(INFLUX_INCIDENTS, "true");
        if (!marks.equals("true") && !marks.equals("false")) {
            throw new ConfigException(INFLUX_INCIDENTS + ": '" + marks + "' is neither true nor false");
        }
        InfluxCredentials history = InfluxCredentials.from(settings, "influx");
        return new ReportConfig(dailyAt, Duration.ofMinutes(settings.integer(DEMO_AFTER_MINUTES, 0, 0, 1440)),
                Boolean.parseBoolean(marks), settings.integer(INFLUX_INCIDENTS_BUFFER, 10_000, 100, 1_000_000),
                history, InfluxCredentials.from(settings, INFLUX_INCIDENTS, history));
    }
}
