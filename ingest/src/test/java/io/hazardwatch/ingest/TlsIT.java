package io.hazardwatch.ingest;

import static io.hazardwatch.ingest.support.GatewayFixture.publish5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.ingest.support.TestCertificates;
import io.hazardwatch.ingest.tls.CertificateLogin;
import io.hazardwatch.model.Topics;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS listener with certificates made by a test CA: a client certificate logs in only as the registry login
 * whose {@code certificate} names it (by subject CN or SHA-256 fingerprint), not with another username, and not once
 * the CRL revokes it; password logins over TLS without a certificate.
 */
@Timeout(120)
class TlsIT {

    private static final TestCertificates CERTS = new TestCertificates();
    /** Names ent-c-gw by its fingerprint; its CN "ent-c-gw" alone names nothing. */
    private static final TestCertificates.Issued ENT_C = CERTS.client("ent-c-gw");
    private static final TestCertificates.Issued REVOKED_LATER = CERTS.client("tank-1-dev");
    private static GatewayFixture gateway;
    private static Path crl;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        TestCertificates.Issued server = CERTS.server();
        Path serverCrt = TestCertificates.writePem(dir, "server", server.certificate(), server.key());
        Path caCrt = TestCertificates.writePem(dir, "ca", CERTS.caCertificate(), null);
        crl = Files.writeString(dir.resolve("clients.crl"), CERTS.crlPem());
        String registry = GatewayFixture.REGISTRY
                .replace("{username: tank-1-dev,", "{username: tank-1-dev, certificate: \"cn:tank-1-dev\",")
                .replace("{username: ent-c-gw,", "{username: ent-c-gw, certificate: \"sha256:"
                        + CertificateLogin.fingerprint(ENT_C.certificate()).toUpperCase() + "\",");
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("tls.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("tls.deadletter", 1),
                "mqtt.tls.port", "0",
                "mqtt.tls.cert-file", serverCrt.toString(),
                "mqtt.tls.key-file", dir.resolve("server.key").toString(),
                "mqtt.tls.client-ca-file", caCrt.toString(),
                "mqtt.tls.crl-file", crl.toString()), registry);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static MqttAsyncClient connect(SSLContext context, String user, String password) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("ssl://127.0.0.1:" + gateway.app.tlsPort(), "tls-" + UUID.randomUUID(),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(context.getSocketFactory());
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options).waitForCompletion(15_000);
        return client;
    }

    private static int refusal(TestCertificates.Issued certificate, String user, String password) {
        try {
            MqttAsyncClient client = connect(CERTS.clientContext(certificate), user, password);
            client.disconnect().waitForCompletion(5_000);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCertificateLogsInAsTheLoginThatNamesItsCommonName() throws Exception {
        MqttAsyncClient device = connect(CERTS.clientContext(CERTS.client("tank-1-dev")), null, null);

        assertThat(publish5(device, Topics.mqttReadings("ent-a", "tank-1"), "{\"sensor\":\"lel-1\",\"value\":2}")).isEqualTo(0x00);
        assertThat(publish5(device, Topics.mqttReadings("ent-a", "tank-2"), "{\"sensor\":\"lel-1\",\"value\":2}")).isEqualTo(0x87);
        device.disconnect().waitForCompletion(5_000);
    }

    @Test
    void aCertificateLogsInAsTheLoginThatNamesItsFingerprint() throws Exception {
        MqttAsyncClient gw = connect(CERTS.clientContext(ENT_C), null, null);

        assertThat(publish5(gw, Topics.mqttReadings("ent-c", "silo-1"), "{\"sensor\":\"dust-1\",\"value\":1}")).isEqualTo(0x00);
        gw.disconnect().waitForCompletion(5_000);
    }

    @Test
    void aCertificateWithTheSameCommonNameButAnotherFingerprintIsNoLogin() {
        assertThat(refusal(CERTS.client("ent-c-gw"), null, null)).isEqualTo(0x86);
    }

    @Test
    void aCertificateWhoseCommonNameIsALoginThatDoesNotNameItIsNoLogin() {
        // ent-b-gw has no certificate in the registry: a CA-signed certificate with its name proves nothing
        assertThat(refusal(CERTS.client("ent-b-gw"), null, null)).isEqualTo(0x86);
    }

    @Test
    void aPasswordLoginWorksOverTlsWithoutAClientCertificate() throws Exception {
        MqttAsyncClient client = connect(CERTS.clientContext(null), TestRegistry.ENT_B_USER, TestRegistry.PASSWORD);

        assertThat(publish5(client, Topics.mqttReadings("ent-b", "room-1"), "{\"sensor\":\"nh3-1\",\"value\":2}")).isEqualTo(0x00);
        client.disconnect().waitForCompletion(5_000);
    }

    @Test
    void aCertificateOfOneLoginWithAnotherLoginsUsernameAndRightPasswordIsNotAuthorized() {
        assertThat(refusal(CERTS.client("tank-1-dev"), TestRegistry.ENT_B_USER, TestRegistry.PASSWORD)).isEqualTo(0x87);
    }

    @Test
    void aCertificateRevokedInTheReloadedCrlIsCutOffAndRefusedAndTheLoginStays() throws Exception {
        MqttAsyncClient connected = connect(CERTS.clientContext(REVOKED_LATER), null, null);

        Files.writeString(crl, CERTS.crlPem(REVOKED_LATER.certificate()));

        long deadline = System.currentTimeMillis() + 10_000;
        while (connected.isConnected() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(connected.isConnected()).as("the revoked client's connection is closed").isFalse();
        assertThat(refusal(REVOKED_LATER, null, null)).isEqualTo(0x87);
        // the login itself is not touched: another certificate with the same name still logs in
        assertThat(refusal(CERTS.client("tank-1-dev"), null, null)).isZero();
        connected.close(true);
    }
}
