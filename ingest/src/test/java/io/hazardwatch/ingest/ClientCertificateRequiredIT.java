package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.ingest.support.TestCertificates;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mqtt.tls.client-auth=required}: a client without a certificate is refused in the TLS handshake — its CONNECT
 * (even with a right password) is never read and never answered; one with a certificate gets its CONNACK.
 */
@Timeout(60)
class ClientCertificateRequiredIT {

    private static final TestCertificates CERTS = new TestCertificates();
    private static GatewayFixture gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        TestCertificates.Issued server = CERTS.server();
        Path serverCrt = TestCertificates.writePem(dir, "server", server.certificate(), server.key());
        Path caCrt = TestCertificates.writePem(dir, "ca", CERTS.caCertificate(), null);
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("tlsreq.readings", 1),
                "mqtt.port", "-1",
                "mqtt.tls.port", "0",
                "mqtt.tls.cert-file", serverCrt.toString(),
                "mqtt.tls.key-file", dir.resolve("server.key").toString(),
                "mqtt.tls.client-ca-file", caCrt.toString(),
                "mqtt.tls.client-auth", "required"),
                GatewayFixture.REGISTRY.replace("{username: tank-1-dev,", "{username: tank-1-dev, certificate: \"cn:tank-1-dev\","));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** MQTT 3.1.1 CONNECT with username and password, clean session, keep-alive 30 s. */
    private static byte[] connect(String user, String password) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] id = "required-it".getBytes(StandardCharsets.UTF_8);
        int length = 10 + 2 + id.length + 2 + u.length + 2 + p.length;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x10);
        out.write(length);
        out.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, 30});
        for (byte[] field : new byte[][] {id, u, p}) {
            out.write(field.length >> 8);
            out.write(field.length & 0xFF);
            out.writeBytes(field);
        }
        return out.toByteArray();
    }

    /**
     * The gateway's answer to a password CONNECT as {@code user}: the CONNACK's return code, -1 at end of stream, -2 if
     * the socket failed, -3 for anything but a CONNACK.
     */
    private static int answer(SSLContext context, String user) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", gateway.app.tlsPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(connect(user, TestRegistry.PASSWORD));
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            if (first != 0x20) {
                return first < 0 ? first : -3;
            }
            byte[] rest = in.readNBytes(3);
            return rest.length == 3 ? rest[2] : -1;
        } catch (javax.net.ssl.SSLException | java.net.SocketException e) {
            return -2;
        }
    }

    @Test
    void aClientWithoutACertificateIsRefusedInTheHandshakeAndItsConnectIsNeverAnswered() throws Exception {
        int answer = answer(CERTS.clientContext(null), TestRegistry.ENT_B_USER);

        assertThat(answer).isIn(-1, -2);
    }

    @Test
    void aClientWithACertificateSignedByTheClientCaIsAccepted() throws Exception {
        int answer = answer(CERTS.clientContext(CERTS.client("tank-1-dev")), "tank-1-dev");

        assertThat(answer).isZero();
    }

    @Test
    void aCertificateOfOneLoginWithAnotherUsernameIsNotAuthorizedOverMqtt311() throws Exception {
        int answer = answer(CERTS.clientContext(CERTS.client("tank-1-dev")), TestRegistry.ENT_B_USER);

        assertThat(answer).isEqualTo(5);
    }
}
