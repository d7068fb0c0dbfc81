package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.ingest.support.TestCertificates;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Plain text only where chosen: a gateway with HTTPS ingest and no plain MQTT listener ({@code mqtt.port=-1}). */
@Timeout(120)
class ListenersIT {

    private static final TestCertificates CERTS = new TestCertificates();
    private static final String TOKEN = "Bearer tank-1-dev:" + TestRegistry.PASSWORD;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        TestCertificates.Issued server = CERTS.server();
        Path crt = TestCertificates.writePem(dir, "server", server.certificate(), server.key());
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("listeners.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("listeners.deadletter", 1),
                "mqtt.port", "-1",
                "http.tls.cert-file", crt.toString(),
                "http.tls.key-file", dir.resolve("server.key").toString()));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpRequest reading(String scheme) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + gateway.app.httpPort()
                        + "/hazardwatch/v1/ent-a/tank-1/readings"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"sensor\":\"lel-1\",\"value\":3.5,\"ts\":\""
                        + Instant.now().minusSeconds(2) + "\"}"))
                .build();
    }

    @Test
    void aReadingPostedOverHttpsIsAccepted() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(CERTS.clientContext(null))
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> response = https.send(reading("https"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void theTlsPortDoesNotAnswerPlainHttp() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> plain.send(reading("http"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aClientThatDoesNotTrustTheServerCertificateGetsNoAnswer() {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> untrusting.send(reading("https"), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void thePlainMqttListenerIsOff() {
        assertThat(gateway.app.mqttPort()).isEqualTo(-1);
        assertThat(gateway.app.tlsPort()).isEqualTo(-1);
    }
}
