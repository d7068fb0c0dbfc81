package io.hazardwatch.simulator.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttackInputsTest {

    private static final AttackTarget TARGET = new AttackTarget("127.0.0.1", 1, 2, 3,
            new AttackTarget.Login("a-gw", "pw"), AttackTarget.Sensor.parse("ent-a/tank-1/lel-1"),
            AttackTarget.Sensor.parse("ent-b/room-1/nh3-1"), null, new AttackTarget.Login("duty", "pw"), null, null, 0, 0, null, null);

    @Test
    void remainingLengthUsesSevenBitsPerByteWithTheHighBitForMore() {
        assertThat(MqttPackets.remainingLength(0)).containsExactly(0);
        assertThat(MqttPackets.remainingLength(127)).containsExactly(0x7f);
        assertThat(MqttPackets.remainingLength(128)).containsExactly(0x80, 0x01);
        assertThat(MqttPackets.remainingLength(268_435_455)).containsExactly(0xff, 0xff, 0xff, 0x7f);
    }

    @Test
    void aConnectWithAWillCarriesItsTopicAndTheLogin() {
        String connect = new String(MqttPackets.connect("c1", "a-gw", "pw", "hazardwatch/v1/ent-b/room-1/readings"),
                StandardCharsets.ISO_8859_1);
        assertThat(connect.charAt(0)).isEqualTo((char) 0x10);
        assertThat(connect).contains("MQTT", "c1", "hazardwatch/v1/ent-b/room-1/readings", "a-gw", "pw");
        assertThat(connect.charAt(1)).as("remaining length").isEqualTo((char) (connect.length() - 2));
    }

    @Test
    void theSameSeedGivesTheSameHttpRequestLine() {
        try (Forgeries forgeries = new Forgeries(null, null, "ent-a", 1)) {
            HttpRequests requests = new HttpRequests(TARGET);
            for (int i = 0; i < 50; i++) {
                assertThat(firstLine(requests.next(new Random(i), i % 2 == 0, forgeries)))
                        .isEqualTo(firstLine(requests.next(new Random(i), i % 2 == 0, forgeries)));
            }
            assertThat(firstLine(requests.next(new Random(1), true, forgeries)))
                    .isNotEqualTo(firstLine(requests.next(new Random(2), true, forgeries)));
        }
    }

    @Test
    void only5xxOtherThan503CountsAsAServerError() {
        assertThat(Tally.isServerError("alerts HTTP 500")).isTrue();
        assertThat(Tally.isServerError("HTTP 502")).isTrue();
        assertThat(Tally.isServerError("gateway HTTP 503")).isFalse();
        assertThat(Tally.isServerError("gateway HTTP 404")).isFalse();
        assertThat(Tally.isServerError("CONNACK 0x86")).isFalse();
    }

    private static String firstLine(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        return text.substring(0, Math.max(0, text.indexOf("\r\n")));
    }
}
