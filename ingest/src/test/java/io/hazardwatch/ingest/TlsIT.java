package io.hazardwatch.ingest;

import static io.hazardwatch.ingest.support.GatewayFixture.publish5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.ingest.support.TestCertificates;
import io.hazardwatch.model.Topics;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.charset.StandardCharsets;
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

/** The TLS listener with certificates made by a test CA: client certificate → device login, or password over TLS. */
@Timeout(120)
class TlsIT {

    private static final TestCertificates CERTS = new TestCertificates();
    private static GatewayFixture gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        TestCertificates.Issued server = CERTS.server();
        Path serverCrt = TestCertificates.writePem(dir, "server", server.certificate(), server.key());
        Path caCrt = TestCertificates.writePem(dir, "ca", CERTS.caCertificate(), null);
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("tls.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("tls.deadletter", 1),
                "mqtt.tls.port", "0",
                "mqtt.tls.cert-file", serverCrt.toString(),
                "mqtt.tls.key-file", dir.resolve("server.key").toString(),
                "mqtt.tls.client-ca-file", caCrt.toString()));
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

    @Test
    void aClientCertificateLogsInAsTheDeviceNamedByItsCommonName() throws Exception {
        MqttAsyncClient device = connect(CERTS.clientContext(CERTS.client("tank-1-dev")), null, null);

        assertThat(publish5(device, Topics.mqttReadings("ent-a", "tank-1"), "{\"sensor\":\"lel-1\",\"value\":2}")).isEqualTo(0x00);
        assertThat(publish5(device, Topics.mqttReadings("ent-a", "tank-2"), "{\"sensor\":\"lel-1\",\"value\":2}")).isEqualTo(0x87);
        device.disconnect().waitForCompletion(5_000);
    }

    @Test
    void aPasswordLoginWorksOverTlsWithoutAClientCertificate() throws Exception {
        MqttAsyncClient client = connect(CERTS.clientContext(null), TestRegistry.ENT_B_USER, TestRegistry.PASSWORD);

        assertThat(publish5(client, Topics.mqttReadings("ent-b", "room-1"), "{\"sensor\":\"nh3-1\",\"value\":2}")).isEqualTo(0x00);
        client.disconnect().waitForCompletion(5_000);
    }

    @Test
    void aCertificateWhoseCommonNameIsNoLoginIsRefused() {
        assertThatThrownBy(() -> connect(CERTS.clientContext(CERTS.client("stranger")), null, null))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(0x86));
    }

    @Test
    void aCertificateMayNotBeUsedWithAnotherUsername() {
        assertThatThrownBy(() -> connect(CERTS.clientContext(CERTS.client("tank-1-dev")), TestRegistry.ENT_B_USER,
                TestRegistry.PASSWORD))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isEqualTo(0x86));
    }
}
