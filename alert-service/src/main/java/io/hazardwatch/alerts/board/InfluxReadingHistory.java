package io.hazardwatch.alerts.board;

import static io.hazardwatch.model.ReadingSeries.INCIDENT;
import static io.hazardwatch.model.ReadingSeries.INCIDENT_ID;
import static io.hazardwatch.model.ReadingSeries.RAW;
import static io.hazardwatch.model.ReadingSeries.TAG_ALARM_TYPE;
import static io.hazardwatch.model.ReadingSeries.TAG_DEVICE;
import static io.hazardwatch.model.ReadingSeries.TAG_ENTERPRISE;
import static io.hazardwatch.model.ReadingSeries.TAG_EVENT;
import static io.hazardwatch.model.ReadingSeries.TAG_LEVEL;
import static io.hazardwatch.model.ReadingSeries.TAG_SENSOR;
import static io.hazardwatch.model.ReadingSeries.VALUE;

import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.config.InfluxCredentials;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A sensor's readings from InfluxDB 1.x (HTTP {@code /query}, InfluxQL), in the schema of
 * {@link io.hazardwatch.model.ReadingSeries} that the history job writes.
 */
public final class InfluxReadingHistory implements ReadingHistory {

    private static final long TIMEOUT_MS = 5000;

    private final WebClient client;
    private final String url;
    private final String database;
    private final InfluxCredentials login;

    /** Without a login (an InfluxDB without authentication). */
    public InfluxReadingHistory(WebClient client, String url, String database) {
        this(client, url, database, InfluxCredentials.NONE);
    }

    /**
     * @param url      InfluxDB 1.x base URL, e.g. {@code http://127.0.0.1:8086}
     * @param database its database (a plain identifier)
     * @param login    a user with READ on it ({@code influx.username}, issue 16), or {@link InfluxCredentials#NONE}
     */
    public InfluxReadingHistory(WebClient client, String url, String database, InfluxCredentials login) {
        this.client = client;
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.database = database;
        this.login = login;
    }

    @Override
    public Future<Series> lastMinutes(SensorKey sensor, int minutes) {
        return ask(query(sensor, minutes)).compose(InfluxReadingHistory::points);
    }

    @Override
    public Future<List<Latest>> latest(String enterprise) {
        return ask(latestQuery(enterprise)).compose(InfluxReadingHistory::latestPoints);
    }

    @Override
    public Future<List<Mark>> marks(SensorKey sensor, int minutes) {
        return ask(marksQuery(sensor, minutes)).compose(InfluxReadingHistory::markPoints);
    }

    /** InfluxQL for the sensor's incident events (issue 21) of the last {@code minutes}, at most 500. */
    static String marksQuery(SensorKey key, int minutes) {
        return "SELECT " + TAG_EVENT + ", " + TAG_LEVEL + ", " + TAG_ALARM_TYPE + ", " + INCIDENT_ID + " FROM " + INCIDENT
                + " WHERE " + TAG_ENTERPRISE + "=" + quote(key.enterprise()) + " AND " + TAG_DEVICE + "="
                + quote(key.device()) + " AND " + TAG_SENSOR + "=" + quote(key.sensor()) + " AND time > now() - "
                + minutes + "m ORDER BY time ASC LIMIT 500";
    }

    /** The rows of a {@link #marksQuery} answer. */
    static Future<List<Mark>> markPoints(JsonObject body) {
        return series(body).map(series -> {
            List<Mark> marks = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                List<?> columns = series.getJsonObject(s).getJsonArray("columns").getList();
                JsonArray rows = series.getJsonObject(s).getJsonArray("values", new JsonArray());
                for (int i = 0; i < rows.size(); i++) {
                    JsonArray row = rows.getJsonArray(i);
                    if (row.getValue(columns.indexOf("time")) instanceof Number t) {
                        marks.add(new Mark(t.longValue(), row.getString(columns.indexOf(TAG_EVENT)),
                                row.getString(columns.indexOf(TAG_LEVEL)), row.getString(columns.indexOf(TAG_ALARM_TYPE)),
                                row.getString(columns.indexOf(INCIDENT_ID))));
                    }
                }
            }
            return marks;
        });
    }

    /** Sends one InfluxQL query; the answer's body, or a failure naming the HTTP status (and the keys, if refused). */
    private Future<JsonObject> ask(String query) {
        HttpRequest<Buffer> request = client.getAbs(url + "/query")
                .addQueryParam("db", database)
                .addQueryParam("epoch", "ms")
                .addQueryParam("q", query)
                .timeout(TIMEOUT_MS);
        if (login.present()) {
            request.basicAuthentication(login.username(), login.password());
        }
        return request.as(BodyCodec.jsonObject())
                .send()
                .compose(response -> {
                    JsonObject body = response.body();
                    if (response.statusCode() == 401 || response.statusCode() == 403) {
                        return Future.failedFuture("InfluxDB refused " + login + " (HTTP " + response.statusCode()
                                + "): check influx.username and influx.password-file");
                    }
                    if (response.statusCode() != 200 && (body == null || body.getString("error") == null)) {
                        return Future.failedFuture("HTTP " + response.statusCode());
                    }
                    return Future.succeededFuture(body);
                });
    }

    /** InfluxQL for the newest reading of each sensor of the enterprise (one series per device and sensor). */
    static String latestQuery(String enterprise) {
        return "SELECT last(" + VALUE + ") AS " + VALUE + " FROM " + RAW + " WHERE " + TAG_ENTERPRISE + "="
                + quote(enterprise) + " AND time > now() - " + LATEST_DAYS + "d GROUP BY " + TAG_DEVICE + ", "
                + TAG_SENSOR;
    }

    /** InfluxQL for the sensor's last {@code minutes}; the ids are registry ids, quoted anyway. */
    static String query(SensorKey key, int minutes) {
        String where = " FROM " + RAW + " WHERE " + TAG_ENTERPRISE + "=" + quote(key.enterprise()) + " AND "
                + TAG_DEVICE + "=" + quote(key.device()) + " AND " + TAG_SENSOR + "=" + quote(key.sensor())
                + " AND time > now() - " + minutes + "m";
        if (!ReadingHistory.averaged(minutes)) {
            return "SELECT " + VALUE + where + " ORDER BY time ASC LIMIT 20000";
        }
        long bucketSeconds = Math.max(1, (long) Math.ceil(minutes * 60.0 / MAX_POINTS));
        return "SELECT mean(" + VALUE + ") AS " + VALUE + where + " GROUP BY time(" + bucketSeconds + "s) fill(none)";
    }

    /** The points of an InfluxDB 1.x answer; a database that does not exist yet has no readings. */
    static Future<Series> points(JsonObject body) {
        return series(body).map(series -> {
            List<Long> times = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                eachPoint(series.getJsonObject(s), (time, value) -> {
                    times.add(time);
                    values.add(value);
                });
            }
            return new Series(times, values);
        });
    }

    /** The newest point of each series (tagged by device and sensor) of a {@link #latestQuery} answer. */
    static Future<List<Latest>> latestPoints(JsonObject body) {
        return series(body).map(series -> {
            List<Latest> latest = new ArrayList<>();
            for (int s = 0; s < series.size(); s++) {
                JsonObject tags = series.getJsonObject(s).getJsonObject("tags", new JsonObject());
                eachPoint(series.getJsonObject(s), (time, value) -> latest.add(
                        new Latest(tags.getString(TAG_DEVICE), tags.getString(TAG_SENSOR), time, value)));
            }
            return latest;
        });
    }

    /** The points of one series that have a time and a value (an empty bucket or a null field has none). */
    private static void eachPoint(JsonObject series, BiConsumer<Long, Double> point) {
        int time = series.getJsonArray("columns").getList().indexOf("time");
        int value = series.getJsonArray("columns").getList().indexOf(VALUE);
        JsonArray rows = series.getJsonArray("values", new JsonArray());
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = rows.getJsonArray(i);
            if (row.getValue(time) instanceof Number t && row.getValue(value) instanceof Number v) {
                point.accept(t.longValue(), v.doubleValue());
            }
        }
    }

    /** The series of the first result of an answer; a database that does not exist yet has none. */
    private static Future<JsonArray> series(JsonObject body) {
        if (body == null) {
            return Future.failedFuture("empty answer");
        }
        if (body.getString("error") != null) {
            return Future.failedFuture(body.getString("error"));
        }
        JsonArray results = body.getJsonArray("results", new JsonArray());
        JsonObject result = results.isEmpty() ? new JsonObject() : results.getJsonObject(0);
        String error = result.getString("error");
        if (error != null) {
            return error.startsWith("database not found") ? Future.succeededFuture(new JsonArray())
                    : Future.failedFuture(error);
        }
        return Future.succeededFuture(result.getJsonArray("series", new JsonArray()));
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
