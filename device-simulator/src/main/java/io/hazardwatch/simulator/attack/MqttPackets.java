package io.hazardwatch.simulator.attack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 5 packets written byte by byte, so that an attack can send what no client library would: any packet type in
 * any state, a remaining length that lies, a will naming another tenant. Only what the attack suite sends.
 */
final class MqttPackets {

    static final String[] TYPE_NAMES = {"RESERVED0", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
            "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};

    private MqttPackets() {
    }

    /** A CONNECT (MQTT 5, clean start, keep-alive 30 s) with a login and, when {@code willTopic} is set, a will. */
    static byte[] connect(String clientId, String username, String password, String willTopic) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(5);
        int flags = 0x02 | (username != null ? 0x80 : 0) | (password != null ? 0x40 : 0)
                | (willTopic != null ? 0x04 | 0x08 : 0); // will at QoS 1
        body.write(flags);
        body.write(0);
        body.write(30);
        body.write(0); // no properties
        string(body, clientId);
        if (willTopic != null) {
            body.write(0); // will properties
            string(body, willTopic);
            string(body, "{\"sensor\":\"x\",\"value\":1}");
        }
        if (username != null) {
            string(body, username);
        }
        if (password != null) {
            string(body, password);
        }
        return packet(0x10, body.toByteArray());
    }

    /** A QoS 1 PUBLISH (packet id 1) without properties. */
    static byte[] publish(String topic, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.write(0);
        body.write(1);
        body.write(0);
        body.writeBytes(payload);
        return packet(0x32, body.toByteArray());
    }

    /** A SUBSCRIBE (packet id 1) of one filter at QoS 1. */
    static byte[] subscribe(String filter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.write(1);
        body.write(0);
        string(body, filter);
        body.write(1);
        return packet(0x82, body.toByteArray());
    }

    /** A packet of {@code type} (1..15) with the flags the spec wants and a small plausible body. */
    static byte[] ofType(int type) {
        int flags = type == 6 || type == 8 || type == 10 ? 0x02 : 0;
        byte[] body = switch (type) {
            case 1 -> new byte[0]; // an empty CONNECT
            case 3 -> publishBody();
            case 8, 10 -> new byte[] {0, 1, 0, 0, 3, 'a', '/', 'b', 1};
            case 12, 13 -> new byte[0];
            case 14, 15 -> new byte[] {0, 0};
            default -> new byte[] {0, 1, 0, 0};
        };
        return packet(type << 4 | flags, body);
    }

    private static byte[] publishBody() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "a/b");
        body.write(0);
        body.writeBytes("x".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /** A fixed header of {@code first} and the body's true length, then the body. */
    static byte[] packet(int first, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        out.writeBytes(remainingLength(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The variable-length encoding of a remaining length (1 to 4 bytes, 7 bits each, high bit = more). */
    static byte[] remainingLength(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int value = length;
        do {
            int digit = value % 128;
            value /= 128;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
    }
}
