package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password guessing over MQTT is throttled per source address and per username: after 3 failures even the right
 * password is refused unchecked (3.1.1: 5, MQTT 5: 0x9F, HTTP: 429 with Retry-After), and so is the username from a
 * new address; the username from an address it logged in from before, and other logins from other addresses, get
 * in. Sources are told apart by binding to different loopback addresses (127.0.0.x).
 */
@Timeout(60)
class LoginThrottleIT {

    private static final String GUESSER = "127.0.0.1";
    private static GatewayFixture gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("throttle.readings", 1),
                "login.throttle-after-failures", "3",
                // long enough that every step below runs while the guesser is throttled
                "login.throttle-first-delay-seconds", "20",
                "login.throttle-max-delay-seconds", "40"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static MqttConnectReturnCode connect(String from, String user, String password) throws Exception {
        return gateway.connectFrom(from, user, password);
    }

    private static double throttled(String transport) {
        var counter = gateway.app.metrics().registry().find("hazardwatch.ingest.login.throttled")
                .tag("transport", transport).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void guessesAreThrottledPerAddressAndUsernameWhileKnownSourcesAndOtherLoginsGetIn() throws Exception {
        double mqttBefore = throttled("mqtt");
        double httpBefore = throttled("http");
        // GIVEN the gateway login of ent-a used from its usual address
        assertThat(connect("127.0.0.3", TestRegistry.ENT_A_USER, TestRegistry.PASSWORD)).isNull();

        // WHEN a guesser tries three wrong passwords, each checked and refused
        for (int i = 0; i < 3; i++) {
            assertThat(connect(GUESSER, TestRegistry.ENT_A_USER, "guess-" + i))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        }

        // THEN its next attempts are refused unchecked, even with the right password, on MQTT 3.1.1, 5 and HTTP
        assertThat(connect(GUESSER, TestRegistry.ENT_A_USER, TestRegistry.PASSWORD))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(connect(GUESSER, TestRegistry.ENT_B_USER, "another-guess")).as("any username from there")
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(gateway.connack5(TestRegistry.ENT_A_USER, "throttle5-" + UUID.randomUUID()))
                .as("MQTT 5: connection rate exceeded").isEqualTo(0x9F);
        URI readings = URI.create(gateway.http() + "/hazardwatch/v1/" + TestRegistry.ENT_A + "/"
                + TestRegistry.ENT_A_DEVICE + "/readings");
        HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(readings)
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + TestRegistry.ENT_A_USER + ":" + TestRegistry.PASSWORD)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sensor\":\"temp-1\",\"value\":21.5}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(http.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(http.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 20L);
        assertThat(http.body()).contains("LOGIN_THROTTLED").doesNotContain(TestRegistry.PASSWORD);

        // AND the guessed username is throttled from a new address too, not from the one it logged in from before
        assertThat(connect("127.0.0.4", TestRegistry.ENT_A_USER, TestRegistry.PASSWORD))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(connect("127.0.0.3", TestRegistry.ENT_A_USER, TestRegistry.PASSWORD)).isNull();
        // AND another login from another address is not affected
        assertThat(connect("127.0.0.5", TestRegistry.ENT_B_USER, TestRegistry.PASSWORD)).isNull();

        assertThat(throttled("mqtt") - mqttBefore).isEqualTo(4);
        assertThat(throttled("http") - httpBefore).isEqualTo(1);
    }

    @Test
    void anUnknownUsernameIsThrottledLikeAKnownOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(connect("127.0.0.6", "nobody-" + i, TestRegistry.PASSWORD))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        }
        assertThat(connect("127.0.0.6", "nobody-3", TestRegistry.PASSWORD))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }
}
