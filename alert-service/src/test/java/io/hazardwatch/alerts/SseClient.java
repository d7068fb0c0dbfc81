package io.hazardwatch.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads a Server-Sent-Events stream the way a browser's EventSource does, frame by frame, for tests. */
public final class SseClient {

    /** One frame: a named event with its data (and its {@code id:}, if any), or a comment line (name null). */
    public record Frame(String name, String data, String comment, String id) {
        public Frame(String name, String data, String comment) {
            this(name, data, comment, null);
        }

        public boolean isComment() {
            return comment != null;
        }
    }

    private final HttpClientAgent client;
    private final HttpClientResponse response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final StringBuilder pending = new StringBuilder();

    private SseClient(HttpClientAgent client, HttpClientResponse response) {
        this.client = client;
        this.response = response;
        response.handler(this::onData);
    }

    public static Future<SseClient> connect(Vertx vertx, int port, String path) {
        return connect(vertx, port, path, null, null);
    }

    /** Connects with an HTTP Basic login (null username: none). */
    public static Future<SseClient> connect(Vertx vertx, int port, String path, String username, String password) {
        return connect(vertx, port, path, username, password, null);
    }

    /** Connects as a reconnecting browser does, with the {@code Last-Event-ID} it saw last (null: none). */
    public static Future<SseClient> connect(Vertx vertx, int port, String path, String username, String password,
                                            String lastEventId) {
        HttpClientAgent client = vertx.createHttpClient();
        return client.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(request -> {
                    if (lastEventId != null) {
                        request.putHeader("Last-Event-ID", lastEventId);
                    }
                    if (username != null) {
                        request.putHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    }
                    // the frame handler is attached as the response arrives, before the request is even sent: with
                    // send().map(...) Vert.x 5 may deliver the first chunks (the snapshot) before the mapping runs,
                    // and they were lost ("no SSE frame within 5 s" once in CI; fabric8 kubernetes-client #7433)
                    Future<SseClient> opened = request.response().map(response -> new SseClient(client, response));
                    request.putHeader("Accept", "text/event-stream").end();
                    return opened;
                });
    }

    public HttpClientResponse response() {
        return response;
    }

    /** The next frame, comments included; fails the test if none arrives in time. */
    public Frame next(Duration timeout) throws InterruptedException {
        Frame frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no SSE frame within " + timeout);
        }
        return frame;
    }

    /** The next named event, skipping heartbeats. */
    public Frame nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!frame.isComment()) {
                return frame;
            }
        }
    }

    /** The next event with this name, skipping heartbeats and other events. */
    public Frame nextEvent(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (name.equals(frame.name())) {
                return frame;
            }
        }
    }

    /** A frame that has already arrived, if any (to check that nothing else was sent). */
    public Frame poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Future<Void> close() {
        return client.close();
    }

    private synchronized void onData(Buffer buffer) {
        pending.append(buffer.toString());
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 2);
            parse(block);
        }
    }

    private void parse(String block) {
        String name = null;
        String id = null;
        StringBuilder data = null;
        for (String line : block.split("\n")) {
            if (line.startsWith(":")) {
                frames.add(new Frame(null, null, line.substring(1).trim()));
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data != null) {
            frames.add(new Frame(name == null ? "message" : name, data.toString(), null, id));
        }
    }
}
