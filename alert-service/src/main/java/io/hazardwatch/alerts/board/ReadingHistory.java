package io.hazardwatch.alerts.board;

import io.hazardwatch.model.SensorKey;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where the board reads a sensor's past readings from (the detail's chart); {@link InfluxReadingHistory} reads the
 * history job's InfluxDB series.
 */
public interface ReadingHistory {

    /** Up to this many minutes the readings come raw; beyond, averaged into at most about {@link #MAX_POINTS}. */
    int RAW_MINUTES = 120;
    int MAX_POINTS = 2000;

    /** Readings, oldest first, as two columns: epoch milliseconds and values. */
    record Series(List<Long> times, List<Double> values) {
    }

    /**
     * The sensor's readings of the last {@code minutes}: raw up to {@link #RAW_MINUTES}, averaged beyond. None (not an
     * error) while the store has none; fails when the store does not answer or answers with an error.
     */
    Future<Series> lastMinutes(SensorKey sensor, int minutes);

    /** The newest reading of one sensor. */
    record Latest(String device, String sensor, long time, double value) {
    }

    /** How far back {@link #latest} looks: the records kept (MEM Order No. 40: at least 30 days). */
    int LATEST_DAYS = 30;

    /**
     * The newest reading of each sensor of the enterprise within the last {@link #LATEST_DAYS} days, in one
     * query; a sensor without readings is not in the list. Fails when the store does not answer or answers with
     * an error.
     */
    Future<List<Latest>> latest(String enterprise);

    /** An incident event of the sensor (measurement {@code incident}, issue 21): opened, acknowledged, cleared, closed. */
    record Mark(long time, String event, String level, String alarmType, String incidentId) {
    }

    /**
     * The sensor's incident events of the last {@code minutes}, oldest first, for the chart to overlay; none where the
     * store keeps none. Fails when the store does not answer.
     */
    default Future<List<Mark>> marks(SensorKey sensor, int minutes) {
        return Future.succeededFuture(List.of());
    }

    /** Whether {@link #lastMinutes} averages the readings of that many minutes. */
    static boolean averaged(int minutes) {
        return minutes > RAW_MINUTES;
    }
}
