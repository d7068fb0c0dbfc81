package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open Server-Sent-Events streams of the live board: each gets the active list as a {@code snapshot}
 * event, then one {@code alarm} event per change of the board, and a comment line as heartbeat so proxies
 * and browsers keep the connection open.
 *
 * <p>Called from one Vert.x context only. A client that cannot keep up is disconnected rather than buffered
 * without bound; its browser reconnects and starts again from a fresh snapshot.
 */
public final class AlarmStream {

    public static final String SNAPSHOT = "snapshot";
    public static final String ALARM = "alarm";
    /** How long a browser waits before reconnecting after the stream drops. */
    static final int RETRY_MILLIS = 3000;

    private static final Logger LOG = LoggerFactory.getLogger(AlarmStream.class);

    private final Set<HttpServerResponse> clients = new LinkedHashSet<>();

    /**
     * Sends the snapshot and adds the client in one step, so that no change can fall between the two.
     * The client is removed when its connection closes.
     */
    public Future<Void> subscribe(HttpServerResponse response, List<ActiveAlarm> snapshot) {
        if (response.closed()) {
            return Future.failedFuture("client left before the stream opened");
        }
        clients.add(response);
        response.closeHandler(v -> clients.remove(response));
        return response.write("retry: " + RETRY_MILLIS + "\n" + event(SNAPSHOT, Json.toString(snapshot)));
    }

    /** Tells every client about one change of the board. */
    public void publish(AlarmEvent change) {
        broadcast(event(ALARM, Json.toString(change)));
    }

    public void heartbeat() {
        broadcast(": heartbeat\n\n");
    }

    public int clientCount() {
        return clients.size();
    }

    /** Ends every stream (service shutdown). */
    public void closeAll() {
        for (HttpServerResponse response : List.copyOf(clients)) {
            response.end();
        }
        clients.clear();
    }

    /** One SSE frame; a data line per line of the payload, as the format requires. */
    static String event(String name, String data) {
        StringBuilder frame = new StringBuilder("event: ").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }

    private void broadcast(String frame) {
        List<HttpServerResponse> slow = new ArrayList<>();
        for (HttpServerResponse response : clients) {
            if (response.writeQueueFull()) {
                slow.add(response);
            } else {
                response.write(frame);
            }
        }
        for (HttpServerResponse response : slow) {
            LOG.warn("dropped a live-board client that is not reading; it will reconnect with a fresh snapshot");
            clients.remove(response);
            response.reset();
        }
    }
}
