package io.hazardwatch.simulator.attack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients that cost the services without sending anything wrong: password guessers (MQTT and HTTP, known and
 * unknown usernames), sockets that never log in and slow-loris HTTP requests that never finish.
 */
final class HostileClients {

    private final AttackTarget target;
    private final AttackLimits limits;

    HostileClients(AttackTarget target, AttackLimits limits) {
        this.target = target;
        this.limits = limits;
    }

    /** A CONNECT with a wrong password: for the gateway login (even i) or an unknown username (odd i). */
    void guessMqtt(Tally tally, int i) {
        String username = i % 2 == 0 ? target.gateway().username() : "nobody-" + (i % 50);
        try (RawSocket socket = RawSocket.open(target.host(), target.mqttPort(), limits.answerMillis() * 5)) {
            if (socket == null) {
                tally.sent(RawSocket.REFUSED);
                return;
            }
            tally.sent(socket.write(MqttPackets.connect("atk-guess" + i, username, "guess-" + i, null))
                    ? socket.readMqtt() : RawSocket.CLOSED);
        }
    }

    /** A wrong password over HTTP: Bearer at the gateway's ingest (even i), Basic at the board (odd i). */
    void guessHttp(Tally tally, int i) {
        boolean gateway = i % 2 == 0;
        String request = gateway
                ? "POST " + target.own().httpPath() + " HTTP/1.1\r\nHost: " + target.host() + "\r\nAuthorization: Bearer "
                  + target.gateway().username() + ":guess-" + i
                  + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                : "GET /api/me HTTP/1.1\r\nHost: " + target.host() + "\r\nAuthorization: Basic "
                  + HttpRequests.base64(target.board().username() + ":guess-" + i) + "\r\nConnection: close\r\n\r\n";
        tally.sent((gateway ? "gateway " : "board ") + Http.exchange(target.host(),
                gateway ? target.gatewayHttp() : target.alertsHttp(), request.getBytes(StandardCharsets.ISO_8859_1),
                limits.answerMillis() * 5));
    }

    /**
     * {@code count} MQTT connections that never send CONNECT and as many HTTP requests whose headers never end
     * (a byte a second, half at each HTTP service); after {@code limits.idleWait()} counts which the services closed.
     */
    void idleAndSlow(Tally tally, long deadlineNanos) {
        int count = limits.idleSockets();
        List<RawSocket> idle = new ArrayList<>();
        List<RawSocket> slow = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            idle.add(RawSocket.open(target.host(), target.mqttPort(), limits.answerMillis()));
            RawSocket loris = RawSocket.open(target.host(), i % 2 == 0 ? target.gatewayHttp() : target.alertsHttp(),
                    limits.answerMillis());
            if (loris != null) {
                loris.write(("GET /health HTTP/1.1\r\nHost: " + target.host() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            slow.add(loris);
        }
        long end = Math.min(deadlineNanos, System.nanoTime() + limits.idleWait().toNanos());
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(1_000_000_000L);
            for (RawSocket loris : slow) {
                if (loris != null) {
                    loris.write(new byte[] {'X'}); // never a complete header line, never the blank line
                }
            }
        }
        count(tally, "idle MQTT", idle);
        count(tally, "slow HTTP", slow);
    }

    private static void count(Tally tally, String what, List<RawSocket> sockets) {
        for (RawSocket socket : sockets) {
            if (socket == null) {
                tally.sent(what + ": " + RawSocket.REFUSED);
                continue;
            }
            tally.sent(what + (socket.closedByServer(50) ? ": closed by server" : ": still open"));
            socket.close();
        }
    }
}
