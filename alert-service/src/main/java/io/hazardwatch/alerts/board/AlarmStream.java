package io.hazardwatch.alerts.board;

import io.hazardwatch.alerts.auth.Access;
import io.hazardwatch.alerts.auth.User;
import io.hazardwatch.alerts.risk.RiskState;
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
 * The open Server-Sent-Events streams of the live board: each gets the board's rows (one {@link BoardRow} per
 * open incident) as a {@code snapshot} event, then an {@code alarm} event with the row an alarm transition changed
 * (at once, before the incident's commit), an {@code incident} event with the row of each committed change of an
 * incident (acknowledged, commented, closed...), a {@code risk} event per change of an enterprise's risk
 * state, a {@code monitoring} event (the watchdog's stages; also right after each snapshot) per change of the
 * monitoring chain, and a comment line as heartbeat so proxies and browsers keep the connection open. Each client
 * only gets what its user may see (see {@link Access}); a client subscribed without a user sees everything.
 *
 * <p>Every event carries an id ({@code <epoch>-<seq>}, the epoch naming this instance of the stream) and the
 * newest {@value #REPLAY_CAPACITY} events are kept: a browser that reconnects with {@code Last-Event-ID}
 * (EventSource does so by itself) gets exactly the events it missed, filtered for its user, instead of a new
 * snapshot. An unknown, foreign or too old id gets a fresh {@code snapshot}.
 *
 * <p>Called from one Vert.x context only. A client that cannot keep up is disconnected rather than buffered
 * without bound; its browser reconnects and gets what it missed (or a fresh snapshot).
 */
public final class AlarmStream {

    public static final String SNAPSHOT = "snapshot";
    public static final String ALARM = "alarm";
    public static final String INCIDENT = "incident";
    public static final String RISK = "risk";
    /** The stages of the monitoring chain (the board's header): right after each snapshot, and per change. */
    public static final String MONITORING = "monitoring";
    /** How long a browser waits before reconnecting after the stream drops. */
    static final int RETRY_MILLIS = 3000;
    /** How many recent events are kept for replay to reconnecting clients. */
    static final int REPLAY_CAPACITY = 10_000;

    /** One sent event, kept for replay: its sequence number, the whole frame, and who may see it. */
    private record Sent(long seq, String frame, String enterprise, String gridCell) {
    }

    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private final java.util.ArrayDeque<Sent> recent = new java.util.ArrayDeque<>();
    private long seq;

    private static final Logger LOG = LoggerFactory.getLogger(AlarmStream.class);

    private final Map<HttpServerResponse, User> clients = new LinkedHashMap<>();
    /** The current state of the monitoring chain, sent with every snapshot; null = none (no watchdog). */
    private java.util.function.Supplier<Object> monitoring;
    /** Marks each row as it is sent (today's declared unit state); identity unless set. */
    private java.util.function.UnaryOperator<BoardRow> marks = java.util.function.UnaryOperator.identity();

    /** Marks every row sent (snapshot, alarm, incident) with {@code marks}, e.g. its unit's declared state. */
    public AlarmStream withRowMarks(java.util.function.UnaryOperator<BoardRow> marks) {
        this.marks = marks;
        return this;
    }

    /** Sends {@code current} (the watchdog's view) right after every snapshot. */
    public AlarmStream withMonitoring(java.util.function.Supplier<Object> current) {
        this.monitoring = current;
        return this;
    }

    /** A client that sees everything (tests, trusted internal use). */
    public Future<Void> subscribe(HttpServerResponse response, List<BoardRow> snapshot) {
        return subscribe(response, null, snapshot);
    }

    /**
     * Sends the snapshot and adds the client in one step, so that no change can fall between the two.
     * The client is removed when its connection closes. {@code snapshot} must already be filtered for the user.
     */
    public Future<Void> subscribe(HttpServerResponse response, User user, List<BoardRow> snapshot) {
        return subscribe(response, user, () -> snapshot, null);
    }

    /**
     * Resumes a client after {@code lastEventId} (the {@code Last-Event-ID} of its reconnect) by replaying what
     * it missed, or — no id, or one this stream cannot continue from — sends the snapshot. Either way in one
     * step with adding the client. {@code snapshot} must already be filtered for the user.
     */
    public Future<Void> subscribe(HttpServerResponse response, User user,
                                  java.util.function.Supplier<List<BoardRow>> snapshot, String lastEventId) {
        if (response.closed()) {
            return Future.failedFuture("client left before the stream opened");
        }
        clients.put(response, user);
        response.closeHandler(v -> clients.remove(response));
        StringBuilder out = new StringBuilder("retry: ").append(RETRY_MILLIS).append('\n');
        long after = resumableAfter(lastEventId);
        if (after < 0) {
            out.append("id: ").append(epoch).append('-').append(seq).append('\n')
                    .append(event(SNAPSHOT, Json.toString(snapshot.get().stream().map(marks).toList())));
            Object stages = monitoring == null ? null : monitoring.get();
            if (stages != null) {
                out.append(event(MONITORING, Json.toString(stages)));
            }
        } else {
            for (Sent sent : recent) {
                if (sent.seq > after && (user == null || sent.enterprise == null
                        || Access.maySee(user, sent.enterprise, sent.gridCell))) {
                    out.append(sent.frame);
                }
            }
        }
        return response.write(out.toString());
    }

    /** The sequence number to replay after, or -1 if {@code lastEventId} cannot be continued without a gap. */
    long resumableAfter(String lastEventId) {
        if (lastEventId == null || !lastEventId.startsWith(epoch + "-")) {
            return -1;
        }
        long last;
        try {
            last = Long.parseLong(lastEventId.substring(epoch.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
        if (last > seq || last < 0) {
            return -1;
        }
        long oldestKept = recent.isEmpty() ? seq + 1 : recent.peekFirst().seq;
        return last + 1 >= oldestKept ? last : -1;
    }

    /** Tells every client that may see it about a row an alarm transition changed (not committed yet). */
    public void publishAlarm(BoardRow row) {
        publishRow(ALARM, row);
    }

    /** Tells every client that may see it about a row whose incident change is committed. */
    public void publishIncident(BoardRow row) {
        publishRow(INCIDENT, row);
    }

    private void publishRow(String name, BoardRow unmarked) {
        BoardRow row = marks.apply(unmarked);
        broadcast(event(name, Json.toString(row)), row.alarm().enterprise(), row.alarm().gridCell());
    }

    public void publishRisk(RiskState state) {
        broadcast(event(RISK, Json.toString(state)), state.enterprise(), state.gridCell());
    }

    /** Tells every client that the monitoring chain changed (everyone may see it). */
    public void publishMonitoring(Object view) {
        broadcast(event(MONITORING, Json.toString(view)), null, null);
    }

    public void heartbeat() {
        send(": heartbeat\n\n", null, null);
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

    /** Numbers an event, keeps it for replay and sends it to every client that may see it. */
    private void broadcast(String frame, String enterprise, String gridCell) {
        seq++;
        String numbered = "id: " + epoch + "-" + seq + "\n" + frame;
        recent.addLast(new Sent(seq, numbered, enterprise, gridCell));
        if (recent.size() > REPLAY_CAPACITY) {
            recent.removeFirst();
        }
        send(numbered, enterprise, gridCell);
    }

    /** {@code enterprise} null: for everyone (heartbeats). */
    private void send(String frame, String enterprise, String gridCell) {
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
            LOG.warn("dropped a live-board client that is not reading; it will reconnect and get what it missed");
            clients.remove(response);
            response.reset();
        }
    }
}
