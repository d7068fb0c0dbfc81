package io.hazardwatch.simulator.attack;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attempts on another tenant's data with a legitimate login: the victim's client id (does the victim's connection
 * survive?), HTTP ingest on the victim's path, batches naming the victim's sensor; and forged cross-site requests
 * against the board with the Basic credentials a browser would re-send.
 */
final class CrossTenant {

    private static final Pattern SILENCE_ID = Pattern.compile("\"id\"\\s*:\\s*\"(sil-[^\"]+)\"");

    private final AttackTarget target;
    private final AttackLimits limits;
    private final Forgeries forgeries;

    CrossTenant(AttackTarget target, AttackLimits limits, Forgeries forgeries) {
        this.target = target;
        this.limits = limits;
        this.forgeries = forgeries;
    }

    /** One gateway attempt; the kind of attempt turns with i. */
    void gateway(Tally tally, int i) {
        switch (i % 4) {
            case 0 -> takeover(tally, i);
            case 1 -> ingest(tally, target.victim().httpPath(), forgeries.reading(target.victim().sensor()), "victim path");
            case 2 -> ingest(tally, target.own().httpPath(),
                    forgeries.batch(List.of(target.own().sensor(), target.victim().sensor())), "batch naming victim");
            default -> ingest(tally, target.own().httpPath(), forgeries.reading(target.victim().sensor()),
                    "victim sensor on own path");
        }
    }

    /**
     * The victim's login holds a connection with a client id; the attacker connects with the same id. The victim's
     * connection being closed is a takeover (a cross-tenant success), whatever the attacker's CONNACK said.
     */
    private void takeover(Tally tally, int i) {
        if (target.victimLogin() == null) {
            return;
        }
        String clientId = "victim-" + (limits.seed() % 1000) + "-" + i;
        try (RawSocket victim = RawSocket.open(target.host(), target.mqttPort(), limits.answerMillis());
             RawSocket attacker = RawSocket.open(target.host(), target.mqttPort(), limits.answerMillis())) {
            if (victim == null || attacker == null) {
                tally.sent("takeover: " + RawSocket.REFUSED);
                return;
            }
            String victimAck = victim.write(MqttPackets.connect(clientId, target.victimLogin().username(),
                    target.victimLogin().password(), null)) ? victim.readMqtt() : RawSocket.CLOSED;
            if (!victimAck.equals("CONNACK 0x00")) {
                tally.sent("takeover: victim not connected (" + victimAck + ")");
                return;
            }
            String attackerAck = attacker.write(MqttPackets.connect(clientId, target.gateway().username(),
                    target.gateway().password(), null)) ? attacker.readMqtt() : RawSocket.CLOSED;
            boolean dropped = victim.closedByServer(300);
            tally.sent("takeover: attacker " + attackerAck + ", victim " + (dropped ? "dropped" : "kept"));
            if (dropped) {
                tally.crossTenantAccepted();
            }
        }
    }

    private void ingest(Tally tally, String path, byte[] body, String what) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + target.host() + "\r\nAuthorization: Bearer "
                + target.gateway().username() + ":" + target.gateway().password()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] request = concat(head.getBytes(StandardCharsets.ISO_8859_1), body);
        tally.sent(what + ": " + Http.exchange(target.host(), target.gatewayHttp(), request, limits.answerMillis()));
    }

    /**
     * One forged cross-site request to the board, as a page on evil.example would send it with the duty officer's
     * Basic credentials; a 2xx is an accepted forgery (a silence made this way is removed again).
     */
    void crossSite(Tally tally, int i) {
        String silence = "{\"enterprise\":\"" + target.victim().enterprise() + "\",\"reason\":\"forged\",\"minutes\":43200}";
        record Forged(String method, String path, String type, String origin, String body) { }
        List<Forged> forged = List.of(
                new Forged("POST", "/api/silences", "text/plain", "http://evil.example", silence),
                new Forged("POST", "/api/silences", "application/json", null, silence),
                new Forged("POST", "/api/silences", "text/plain", null, silence),
                new Forged("POST", "/api/silences", "application/x-www-form-urlencoded", "http://evil.example", silence),
                new Forged("POST", "/api/incidents/inc-1/acknowledge", "text/plain", "http://evil.example", "{}"),
                new Forged("POST", "/api/incidents/inc-1/close", "text/plain", "null", "{\"note\":\"x\"}"),
                new Forged("DELETE", "/api/silences/sil-1", "text/plain", "http://evil.example", ""),
                new Forged("POST", "/api/duty/handovers", "text/plain", "http://evil.example", "{\"text\":\"x\"}"));
        Forged f = forged.get(i % forged.size());
        StringBuilder head = new StringBuilder(f.method() + " " + f.path() + " HTTP/1.1\r\nHost: " + target.host()
                + ":" + target.alertsHttp() + "\r\nAuthorization: Basic "
                + HttpRequests.base64(target.board().username() + ":" + target.board().password())
                + "\r\nContent-Type: " + f.type() + "\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: no-cors\r\n");
        if (f.origin() != null) {
            head.append("Origin: ").append(f.origin()).append("\r\n");
        }
        byte[] body = f.body().getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        String answer = Http.exchangeText(target.host(), target.alertsHttp(),
                concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body), limits.answerMillis() * 5);
        String status = answer.length() >= 12 && answer.startsWith("HTTP/") ? "HTTP " + answer.substring(9, 12)
                : answer.isEmpty() ? RawSocket.CLOSED : "HTTP garbled";
        tally.sent(f.method() + " " + f.path().replaceAll("/(inc|sil)-1", "/:id") + ": " + status);
        if (status.startsWith("HTTP 2")) {
            tally.crossTenantAccepted();
            removeSilence(answer);
        }
    }

    /** Undoes an accepted forged silence with a same-site DELETE, so that the run leaves nothing muted. */
    private void removeSilence(String answer) {
        Matcher id = SILENCE_ID.matcher(answer);
        if (!id.find()) {
            return;
        }
        String request = "DELETE /api/silences/" + id.group(1) + " HTTP/1.1\r\nHost: " + target.host() + "\r\nAuthorization: Basic "
                + HttpRequests.base64(target.board().username() + ":" + target.board().password())
                + "\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        Http.exchange(target.host(), target.alertsHttp(), request.getBytes(StandardCharsets.ISO_8859_1), limits.answerMillis());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
