package io.hazardwatch.streamjobs.influx;

import io.hazardwatch.model.config.InfluxCredentials;
import java.util.List;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure the readings database and its retention policy exist before the first write. */
final class InfluxDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxDatabase.class);

    private InfluxDatabase() {
    }

    /**
     * Idempotent, so every parallel writer may call it: InfluxDB accepts a repeated CREATE with the same
     * definition. Names were checked to be plain identifiers by the config.
     */
    static void ensure(InfluxDB influx, String database, String retentionPolicy) {
        ensure(influx, database, retentionPolicy, InfluxSettings.RETENTION);
    }

    /** As above, with the duration of the policy if it has to be created (e.g. "30d", "400d"). */
    static void ensure(InfluxDB influx, String database, String retentionPolicy, String retention) {
        if (!firstColumn(run(influx, "SHOW DATABASES", null)).contains(database)) {
            // CREATE DATABASE makes this the default policy only when the database is new; repeating it is a no-op
            run(influx, "CREATE DATABASE " + database, null);
            LOG.info("created InfluxDB database {}", database);
        }
        if (!firstColumn(run(influx, "SHOW RETENTION POLICIES ON " + database, database)).contains(retentionPolicy)) {
            run(influx, "CREATE RETENTION POLICY " + retentionPolicy + " ON " + database + " DURATION "
                    + retention + " REPLICATION 1" + (InfluxSettings.RETENTION.equals(retention) ? " DEFAULT" : ""), database);
            LOG.info("created retention policy {} ({}) on InfluxDB database {}", retentionPolicy, retention, database);
        }
    }

    /**
     * As above, for a writer logged in as {@code login} (issue 16). A writer with WRITE only may neither list nor create
     * databases: then the admin made them ({@code deploy/infra.sh}) and this is skipped. A login InfluxDB refuses
     * fails here, naming the keys to check.
     */
    static void ensure(InfluxDB influx, String database, String retentionPolicy, String retention,
                       InfluxCredentials login) {
        try {
            ensure(influx, database, retentionPolicy, retention);
        } catch (InfluxDBException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("authorization failed") || message.contains("unable to parse authentication credentials")) {
                throw new InfluxDBException("InfluxDB refused the login (" + login
                        + "): check influx.username and influx.password-file / HW_INFLUX_PASSWORD: " + message);
            }
            if (!login.present() || !message.contains("not authorized")) {
                throw e;
            }
            LOG.info("{} may not manage databases: trusting that {} and its policy {} exist (deploy/infra.sh makes them)",
                    login, database, retentionPolicy);
        }
    }

    private static QueryResult run(InfluxDB influx, String command, String database) {
        QueryResult result = influx.query(database == null ? new Query(command) : new Query(command, database));
        String error = result.hasError() ? result.getError()
                : result.getResults() == null ? null
                : result.getResults().stream().filter(QueryResult.Result::hasError)
                        .map(QueryResult.Result::getError).findFirst().orElse(null);
        if (error != null) {
            throw new InfluxDBException(command + ": " + error);
        }
        return result;
    }

    private static List<Object> firstColumn(QueryResult result) {
        if (result.getResults() == null) {
            return List.of();
        }
        return result.getResults().stream()
                .filter(r -> r.getSeries() != null)
                .flatMap(r -> r.getSeries().stream())
                .filter(s -> s.getValues() != null)
                .flatMap(s -> s.getValues().stream())
                .map(row -> row.get(0))
                .toList();
    }
}
