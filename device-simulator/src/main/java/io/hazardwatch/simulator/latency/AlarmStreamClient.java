package io.hazardwatch.simulator.latency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorKey;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Listens to the alert service's live board, {@code GET /api/alarms/stream} (Server-Sent Events): waits for the
 * {@code snapshot}, then hands every {@code alarm} event (the board row an alarm transition changed, pushed before
 * the incident's commit) to the consumer with the {@link System#nanoTime()} at which it arrived.
 */
public final class AlarmStreamClient implements AutoCloseable {

    /**
     * What the probe reads of a board row (the service's {@code BoardRow}), and when it reached us.
     *
     * @param active     whether the alarm is active (raised) or cleared
     * @param raisedAt   the episode's start
     * @param lastUpdate the event time of the reading behind the row's last alarm change
     */
    public record Arrival(String incidentId, SensorKey sensor, String alarmType, boolean active, Instant raisedAt,
                          Instant lastUpdate, long nanoTime) {

        /** The row of an {@code alarm} event's data. */
        public static Arrival of(String row, long nanoTime) {
            try {
                JsonNode json = Json.MAPPER.readTree(row);
                JsonNode alarm = json.path("alarm");
                return new Arrival(json.path("id").asText(), new SensorKey(alarm.path("enterprise").asText(),
                        alarm.path("device").asText(), alarm.path("sensor").asText()), alarm.path("alarmType").asText(),
                        json.path("active").asBoolean(), Json.parseInstant(alarm.path("raisedAt").asText()),
                        Json.parseInstant(alarm.path("lastUpdate").asText()), nanoTime);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("not a board row: " + e.getOriginalMessage(), e);
            }
        }
    }

    private final URI stream;
    private final CountDownLatch snapshot = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    /** Login for the alert service's HTTP Basic auth, from the URL's user info ({@code http://user:pass@host}), or null. */
    private final String authorization;

    public AlarmStreamClient(String alertServiceUrl) {
        URI base = URI.create(alertServiceUrl.replaceAll("/+$", ""));
        this.authorization = base.getRawUserInfo() == null ? null : "Basic " + java.util.Base64.getEncoder()
                .encodeToString(java.net.URLDecoder.decode(base.getRawUserInfo(), java.nio.charset.StandardCharsets.UTF_8)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String withoutLogin = base.getRawUserInfo() == null ? base.toString()
                : base.toString().replace(base.getRawUserInfo() + "@", "");
        this.stream = URI.create(withoutLogin + "/api/alarms/stream");
    }

    /** Opens the stream and waits (at most {@code timeout}) for the snapshot. */
    public void open(Consumer<Arrival> alarms, Duration timeout) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            if (r.statusCode() != 200) {
                throw new IllegalStateException(stream + " answered " + r.statusCode());
            }
            lines = r.body();
            Thread reader = new Thread(() -> read(r.body(), alarms), "sse-reader");
            reader.setDaemon(true);
            reader.start();
        });
        if (!snapshot.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            String why = response.isCompletedExceptionally() ? ": " + response.handle((r, e) -> String.valueOf(e)).join() : "";
            throw new IllegalStateException("no snapshot from " + stream + " within " + timeout.toSeconds() + " s" + why);
        }
    }

    private void read(Stream<String> body, Consumer<Arrival> alarms) {
        String[] event = {null};
        StringBuilder data = new StringBuilder();
        try {
            body.forEach(line -> {
                if (line.isEmpty()) {
                    dispatch(event[0], data.toString(), alarms);
                    event[0] = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            });
        } catch (java.io.UncheckedIOException closed) {
            // the stream was closed (by close(), or the service went away): the probe reports what it missed
        }
    }

    private void dispatch(String event, String data, Consumer<Arrival> alarms) {
        long now = System.nanoTime();
        if ("snapshot".equals(event)) {
            snapshot.countDown();
        } else if ("alarm".equals(event)) {
            alarms.accept(Arrival.of(data, now));
        }
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
        if (response != null) {
            response.cancel(true);
        }
    }
}
