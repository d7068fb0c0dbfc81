package io.hazardwatch.simulator.attack;

import java.util.List;
import java.util.Random;

/**
 * Fuzzed MQTT against the gateway, one fresh connection per input so that each answer is the gateway's verdict on
 * that input alone: a valid CONNECT then random bytes, lying remaining lengths, every packet type before and after
 * CONNECT, oversize PUBLISHes, wildcard and foreign topics, and wills naming another tenant.
 */
final class MqttFuzz {

    /** PUBLISH payloads past the gateway's default ingest.max-payload-bytes (64 KiB), up to 4 times it. */
    static final int OVERSIZE_MIN = 64 * 1024 + 1;

    private final AttackTarget target;
    private final AttackLimits limits;
    private final Forgeries forgeries;

    MqttFuzz(AttackTarget target, AttackLimits limits, Forgeries forgeries) {
        this.target = target;
        this.limits = limits;
        this.forgeries = forgeries;
    }

    /** A valid CONNECT then 1 to 512 random bytes; the answer to those bytes. */
    void garbage(Tally tally, int i) {
        Random random = random(1, i);
        try (RawSocket socket = loggedIn(tally, "atk-g" + i)) {
            if (socket == null) {
                return;
            }
            byte[] junk = new byte[1 + random.nextInt(512)];
            random.nextBytes(junk);
            tally.sent(socket.write(junk) ? socket.readMqtt() : RawSocket.CLOSED);
        }
    }

    /**
     * Remaining lengths that lie: a 5th continuation byte, the largest length with a short body, a body shorter
     * than announced then silence, or a declared length of zero before a body; before or after CONNECT.
     */
    void lengths(Tally tally, int i) {
        Random random = random(2, i);
        boolean afterConnect = random.nextBoolean();
        int type = 1 + random.nextInt(15);
        byte[] packet = switch (random.nextInt(4)) {
            case 0 -> new byte[] {(byte) (type << 4), (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0};
            case 1 -> new byte[] {(byte) (type << 4), (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3};
            case 2 -> truncated(type, random);
            default -> new byte[] {(byte) (type << 4), 0, 1, 2, 3, 4, 5, 6};
        };
        try (RawSocket socket = afterConnect ? loggedIn(tally, "atk-l" + i) : plain(tally)) {
            if (socket != null) {
                tally.sent(socket.write(packet) ? socket.readMqtt() : RawSocket.CLOSED);
            }
        }
    }

    private static byte[] truncated(int type, Random random) {
        int announced = 10 + random.nextInt(2000);
        byte[] header = MqttPackets.remainingLength(announced);
        byte[] packet = new byte[1 + header.length + random.nextInt(announced)];
        random.nextBytes(packet);
        packet[0] = (byte) (type << 4);
        System.arraycopy(header, 0, packet, 1, header.length);
        return packet;
    }

    /** Each packet type (0 … 15) with a plausible body, before CONNECT and after it. */
    void everyType(Tally tally, int i) {
        int type = i % 16;
        boolean afterConnect = (i / 16) % 2 == 1;
        try (RawSocket socket = afterConnect ? loggedIn(tally, "atk-t" + i) : plain(tally)) {
            if (socket != null) {
                tally.sent(socket.write(MqttPackets.ofType(type)) ? socket.readMqtt() : RawSocket.CLOSED);
            }
        }
    }

    /** A PUBLISH on the login's own topic with a payload past the limit. */
    void oversize(Tally tally, int i) {
        Random random = random(4, i);
        byte[] payload = new byte[OVERSIZE_MIN + random.nextInt(3 * OVERSIZE_MIN)];
        java.util.Arrays.fill(payload, (byte) ' ');
        try (RawSocket socket = loggedIn(tally, "atk-o" + i)) {
            if (socket != null) {
                tally.sent(socket.write(MqttPackets.publish(target.own().mqttTopic(), payload))
                        ? socket.readMqtt() : RawSocket.CLOSED);
            }
        }
    }

    /**
     * Readings published on foreign and wildcard topics, or subscriptions to them. A granted subscription on a filter
     * that reaches another tenant is a cross-tenant success; forged readings are looked for in Kafka afterwards.
     */
    void topics(Tally tally, int i) {
        Random random = random(5, i);
        AttackTarget.Sensor victim = target.victim();
        String base = "hazardwatch/v1/";
        List<String> topics = List.of(victim.mqttTopic(), base + victim.enterprise() + "/+/readings",
                base + "+/" + victim.device() + "/readings", "#", "+/+/+/+/readings", "$SYS/broker/x",
                base + victim.enterprise() + "/" + victim.device() + "/errors", base + victim.enterprise() + "/#",
                base + target.own().enterprise() + "/../" + victim.enterprise() + "/" + victim.device() + "/readings",
                victim.mqttTopic() + "\u0000", "/" + victim.mqttTopic(), base + "x".repeat(4000) + "/d/readings");
        String topic = topics.get(random.nextInt(topics.size()));
        boolean subscribe = random.nextInt(3) == 0;
        try (RawSocket socket = loggedIn(tally, "atk-p" + i)) {
            if (socket == null) {
                return;
            }
            byte[] packet = subscribe ? MqttPackets.subscribe(topic)
                    : MqttPackets.publish(topic, forgeries.reading(victim.sensor()));
            String answer = socket.write(packet) ? socket.readMqtt() : RawSocket.CLOSED;
            tally.sent(answer);
            if (subscribe && answer.startsWith("SUBACK 0x0")) {
                tally.crossTenantAccepted();
            }
        }
    }

    /** CONNECTs whose will would publish a forged reading on another tenant's (or a wildcard) topic. */
    void wills(Tally tally, int i) {
        Random random = random(6, i);
        List<String> wills = List.of(target.victim().mqttTopic(), "hazardwatch/v1/+/+/readings", "#",
                "hazardwatch/v1/" + target.victim().enterprise() + "/#");
        String will = wills.get(random.nextInt(wills.size()));
        try (RawSocket socket = plain(tally)) {
            if (socket == null) {
                return;
            }
            String answer = socket.write(MqttPackets.connect("atk-w" + i, target.gateway().username(),
                    target.gateway().password(), will)) ? socket.readMqtt() : RawSocket.CLOSED;
            tally.sent(answer);
            // drop the socket without DISCONNECT: an accepted will would fire now (Kafka is checked afterwards)
        }
    }

    /** A connection that has sent nothing yet. */
    private RawSocket plain(Tally tally) {
        RawSocket socket = RawSocket.open(target.host(), target.mqttPort(), limits.answerMillis());
        if (socket == null) {
            tally.sent(RawSocket.REFUSED);
        }
        return socket;
    }

    /** A connection logged in with the gateway login, or null (its refusal counted as the input's answer). */
    private RawSocket loggedIn(Tally tally, String clientId) {
        RawSocket socket = plain(tally);
        if (socket == null) {
            return null;
        }
        String connack = socket.write(MqttPackets.connect(clientId, target.gateway().username(),
                target.gateway().password(), null)) ? socket.readMqtt() : RawSocket.CLOSED;
        if (!connack.equals("CONNACK 0x00")) {
            tally.sent("login " + connack);
            socket.close();
            return null;
        }
        return socket;
    }

    private Random random(int phase, int i) {
        return new Random(limits.seed() * 31 + phase * 1_000_003L + i);
    }

}
