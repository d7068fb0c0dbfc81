package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Issue 15, finding 5: connections that close while their login is being checked (bcrypt runs off the event
 * loop) must not leave the enterprise's connection count up. ent-c may hold 2 connections: one leaked count
 * too many and it is locked out.
 */
@Timeout(120)
class ConnectionCountIT {

    private static final int ROUNDS = 50;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start(@TempDir Path dir) {
        // a production-like bcrypt cost, so that the check takes as long as in the field and the close lands during it
        String slowHash = new BCryptPasswordEncoder(8).encode(TestRegistry.PASSWORD);
        String registry = GatewayFixture.REGISTRY.replace(
                "{username: ent-c-gw, passwordHash: \"" + TestRegistry.PASSWORD_HASH + "\"}",
                "{username: ent-c-gw, passwordHash: \"" + slowHash + "\"}");
        assertThat(registry).contains(slowHash);
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("conncount.readings", 1),
                "topic.deadletter", KafkaTestTopics.create("conncount.deadletter", 1)), registry);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void connectionsThatCloseDuringTheLoginCheckLeaveNoCountBehind() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            connectThen(socket -> socket.close());                          // CONNECT, FIN at once
            connectThen(socket -> {                                          // CONNECT, garbage, FIN
                socket.getOutputStream().write(new byte[] {(byte) 0xF0, 0x7F, 0x01, 0x02, 0x03});
                socket.close();
            });
            connectThen(socket -> {                                          // CONNECT, RST
                socket.setSoLinger(true, 0);
                socket.close();
            });
        }

        // the gateway answers the CONNECTs over the next seconds: until it has, a slot may still be taken for a moment
        long deadline = System.nanoTime() + 20_000_000_000L;
        MqttClient first = connectWhileTime("ent-c-gw", deadline);
        MqttClient second = connectWhileTime("ent-c-gw", deadline);
        assertThat(first.isConnected()).isTrue();
        assertThat(second.isConnected()).isTrue();
        assertThat(gateway.app.connections("ent-c")).as("ent-c's connection count").isEqualTo(2);

        first.disconnect();
        second.disconnect();
        while ((gateway.app.connections("ent-c") != 0 || connectionsGauge() != 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(gateway.app.connections("ent-c")).as("ent-c's connection count").isZero();
        assertThat(connectionsGauge()).as("hazardwatch_ingest_connections").isZero();
    }

    /** A legit 3.1.1 connection of {@code user}, retried while the gateway still works through the raw ones. */
    private static MqttClient connectWhileTime(String user, long deadlineNanos) throws Exception {
        while (true) {
            try {
                return gateway.mqtt3(user, TestRegistry.PASSWORD);
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new AssertionError("ent-c still refused (" + e.getMessage() + ") with "
                            + gateway.app.connections("ent-c") + " connections counted", e);
                }
                Thread.sleep(200);
            }
        }
    }

    private interface SocketAction {
        void run(Socket socket) throws IOException;
    }

    private static void connectThen(SocketAction end) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", gateway.app.mqttPort()), 2_000);
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        out.write(connect("raw-" + UUID.randomUUID(), "ent-c-gw", TestRegistry.PASSWORD));
        out.flush();
        end.run(socket);
    }

    private double connectionsGauge() {
        return gateway.app.metrics().registry().get("hazardwatch.ingest.connections").gauge().value();
    }

    /** An MQTT 3.1.1 CONNECT with clean session, username and password, keep-alive 60 s. */
    static byte[] connect(String clientId, String username, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(4);          // protocol level 3.1.1
        body.write(0xC2);       // username, password, clean session
        body.write(0);
        body.write(60);
        string(body, clientId);
        string(body, username);
        string(body, password);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int length = body.size();
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
