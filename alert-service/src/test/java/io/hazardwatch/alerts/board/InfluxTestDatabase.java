package io.hazardwatch.alerts.board;

import static io.hazardwatch.model.ReadingSeries.RAW;
import static io.hazardwatch.model.ReadingSeries.TAG_DEVICE;
import static io.hazardwatch.model.ReadingSeries.TAG_ENTERPRISE;
import static io.hazardwatch.model.ReadingSeries.TAG_SENSOR;
import static io.hazardwatch.model.ReadingSeries.VALUE;

import io.hazardwatch.model.SensorKey;
import io.hazardwatch.testsupport.TestEnv;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A fresh database in the shared, really running InfluxDB 1.x ({@link TestEnv#influxUrl()}), with readings written
 * in the schema of {@link io.hazardwatch.model.ReadingSeries} as the history job writes them; dropped on close.
 */
public final class InfluxTestDatabase implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url = TestEnv.influxUrl().replaceAll("/+$", "");
    private final String name;

    private InfluxTestDatabase(String name) {
        this.name = name;
    }

    public static InfluxTestDatabase create(String prefix) {
        InfluxTestDatabase db = new InfluxTestDatabase(prefix + "_" + UUID.randomUUID().toString().replace("-", ""));
        db.send("/query?q=" + encode("CREATE DATABASE " + db.name), "");
        return db;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    /** Writes one raw reading of the sensor at {@code time} (millisecond precision). */
    public void write(SensorKey sensor, Instant time, double value) {
        send("/write?precision=ms&db=" + encode(name), RAW + "," + TAG_DEVICE + "=" + sensor.device() + ","
                + TAG_ENTERPRISE + "=" + sensor.enterprise() + "," + TAG_SENSOR + "=" + sensor.sensor() + " "
                + VALUE + "=" + value + " " + time.toEpochMilli());
    }

    @Override
    public void close() {
        send("/query?q=" + encode("DROP DATABASE " + name), "");
    }

    private void send(String pathAndQuery, String body) {
        try {
            HttpResponse<String> response = http.send(TestEnv.influxRequest(URI.create(url + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("InfluxDB answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("InfluxDB at " + url + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
