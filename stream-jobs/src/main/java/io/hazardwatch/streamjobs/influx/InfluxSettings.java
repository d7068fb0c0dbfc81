package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.model.config.InfluxCredentials;
import java.io.Serializable;
import java.time.Duration;

/**
 * Where and how the reading store writes.
 *
 * @param batchSize     points buffered before a write
 * @param flushInterval longest a buffered point waits for its write
 * @param maxAttempts   write attempts before the job is failed (and restarted from its last checkpoint)
 * @param firstBackoff  wait after the first failed attempt; doubled after each further one
 * @param login         the writer's InfluxDB login ({@code influx.username}, issue 16); {@link InfluxCredentials#NONE}
 *                      for an InfluxDB without authentication
 */
public record InfluxSettings(String url, String database, String retentionPolicy, int batchSize,
                             Duration flushInterval, int maxAttempts, Duration firstBackoff,
                             InfluxCredentials login) implements Serializable {

    /** Without a login (an InfluxDB without authentication). */
    public InfluxSettings(String url, String database, String retentionPolicy, int batchSize, Duration flushInterval,
                          int maxAttempts, Duration firstBackoff) {
        this(url, database, retentionPolicy, batchSize, flushInterval, maxAttempts, firstBackoff, InfluxCredentials.NONE);
    }

    /** Retention of readings in the policy the sink creates when the database is missing. */
    public static final String RETENTION = "30d";
    /** Retention of the 1-minute aggregates: longer than the raw readings, for trends over a year. */
    public static final String AGGREGATE_RETENTION = "400d";

    public InfluxSettings {
        if (batchSize < 1 || maxAttempts < 1 || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("batchSize, maxAttempts and flushInterval must be positive");
        }
        login = login == null ? InfluxCredentials.NONE : login;
    }

    /** 500 points or 1 s per write; 5 attempts over about 3 s before giving up. */
    public static InfluxSettings of(String url, String database, String retentionPolicy) {
        return new InfluxSettings(url, database, retentionPolicy, 500, Duration.ofSeconds(1), 5,
                Duration.ofMillis(200));
    }

    /** The same database and batching, another retention policy. */
    public InfluxSettings withRetentionPolicy(String policy) {
        return new InfluxSettings(url, database, policy, batchSize, flushInterval, maxAttempts, firstBackoff, login);
    }

    /** The same settings, writing as {@code login}. */
    public InfluxSettings withLogin(InfluxCredentials login) {
        return new InfluxSettings(url, database, retentionPolicy, batchSize, flushInterval, maxAttempts, firstBackoff,
                login);
    }
}
