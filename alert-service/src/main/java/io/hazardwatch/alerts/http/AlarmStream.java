package io.hazardwatch.alerts.http;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.board.ActiveAlarm;
import io.hazardwatch.alerts.risk.RiskState;
import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.Json;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open Server-Sent-Events streams of the live board: each gets the active list as a {@code snapshot}
 * event, then one {@code alarm} event per change of the board, an {@code incident} event per change of an
 * incident (acknowledged, commented, closed...), a {@code risk} event per change of an enterprise's risk
 * state, and a comment line as heartbeat so proxies and browsers keep the connection open. Each client
 * only gets what its user may see (see {@link Access}); a client subscribed without a user sees everything.
 *
 * <p>Called from one Vert.x context only. A client that cannot keep up is disconnected rather than buffered
 * without bound; its browser reconnects and starts again from a fresh snapshot.
 */
public final class AlarmStream {

    public static final String SNAPSHOT = "snapshot";
    public static final String ALARM = "alarm";
    public static final String INCIDENT = "incident";
    public static final String RISK = "risk";
    /** How long a browser waits before reconnecting after the stream drops. */
    static final int RETRY_MILLIS = 3000;

    private static final Logger LOG = LoggerFactory.getLogger(AlarmStream.class);

    private final Map<HttpServerResponse, User> clients = new LinkedHashMap<>();

    /** A client that sees everything (tests, trusted internal use). */
    public Future<Void> subscribe(HttpServerResponse response, List<ActiveAlarm> snapshot) {
        return subscribe(response, null, snapshot);
    }

    /**
     * Sends the snapshot and adds the client in one step, so that no change can fall between the two.
     * The client is removed when its connection closes. {@code snapshot} must already be filtered for the user.
     */
    public Future<Void> subscribe(HttpServerResponse response, User user, List<ActiveAlarm> snapshot) {
        if (response.closed()) {
            return Future.failedFuture("client left before the stream opened");
        }
        clients.put(response, user);
        response.closeHandler(v -> clients.remove(response));
        return response.write("retry: " + RETRY_MILLIS + "\n" + event(SNAPSHOT, Json.toString(snapshot)));
    }

    /** Tells every client that may see it about one change of the board. */
    public void publish(AlarmEvent change, String gridCell) {
        broadcast(event(ALARM, Json.toString(change)), change.enterprise(), gridCell);
    }

    public void publishIncident(Object incidentView, String enterprise, String gridCell) {
        broadcast(event(INCIDENT, Json.toString(incidentView)), enterprise, gridCell);
    }

    public void publishRisk(RiskState state) {
        broadcast(event(RISK, Json.toString(state)), state.enterprise(), state.gridCell());
    }

    public void heartbeat() {
        broadcast(": heartbeat\n\n", null, null);
    }

    public int clientCount() {
        return clients.size();
    }

    /** Ends every stream (service shutdown). */
    public void closeAll() {
        for (HttpServerResponse response : List.copyOf(clients.keySet())) {
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

    /** {@code enterprise} null: for everyone (heartbeats). */
    private void broadcast(String frame, String enterprise, String gridCell) {
        List<HttpServerResponse> slow = new ArrayList<>();
        for (Map.Entry<HttpServerResponse, User> client : clients.entrySet()) {
            HttpServerResponse response = client.getKey();
            User user = client.getValue();
            if (enterprise != null && user != null && !Access.maySee(user, enterprise, gridCell)) {
                continue;
            }
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
