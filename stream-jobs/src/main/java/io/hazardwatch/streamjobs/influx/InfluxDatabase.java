package io.hazardwatch.streamjobs.influx;

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
        if (!firstColumn(run(influx, "SHOW DATABASES", null)).contains(database)) {
            run(influx, "CREATE DATABASE " + database + " WITH DURATION " + InfluxSettings.RETENTION
                    + " REPLICATION 1 NAME " + retentionPolicy, null);
            LOG.info("created InfluxDB database {} with retention policy {} ({})", database, retentionPolicy,
                    InfluxSettings.RETENTION);
            return;
        }
        // The database may have been made by hand without our policy; writes to it would then all fail.
        if (!firstColumn(run(influx, "SHOW RETENTION POLICIES ON " + database, database)).contains(retentionPolicy)) {
            run(influx, "CREATE RETENTION POLICY " + retentionPolicy + " ON " + database + " DURATION "
                    + InfluxSettings.RETENTION + " REPLICATION 1", database);
            LOG.info("created retention policy {} ({}) on InfluxDB database {}", retentionPolicy,
                    InfluxSettings.RETENTION, database);
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
