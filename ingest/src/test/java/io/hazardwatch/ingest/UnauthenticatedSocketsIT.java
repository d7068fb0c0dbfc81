package io.hazardwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.ingest.support.GatewayFixture;
import io.hazardwatch.testsupport.KafkaTestTopics;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sockets that never log in: closed when no CONNECT came within mqtt.connect-timeout-seconds (even one that trickles
 * a byte now and then), and capped in total and per source address (beyond, closed at once), while clients from
 * other addresses still connect. Sources are told apart by binding to different loopback addresses (127.0.0.x).
 */
@Timeout(60)
class UnauthenticatedSocketsIT {

    private static final int TIMEOUT_SECONDS = 4;
    private static GatewayFixture gateway;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path dir) {
        gateway = GatewayFixture.start(dir, TestEnv.kafkaBootstrap(), Map.of(
                "topic.readings", KafkaTestTopics.create("unauth.readings", 1),
                "mqtt.connect-timeout-seconds", Integer.toString(TIMEOUT_SECONDS),
                "mqtt.max-unauthenticated", "5",
                "mqtt.max-unauthenticated-per-address", "3"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    private Socket open(String from) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), gateway.app.mqttPort(),
                InetAddress.getByName(from), 0);
        sockets.add(socket);
        return socket;
    }

    /** Seconds until the gateway closes the socket (read gives end of stream); fails if it stays open 10 s. */
    private static double secondsUntilClosed(Socket socket) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        try {
            assertThat(in.read()).as("end of stream").isEqualTo(-1);
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean stillOpenAfter(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return socket.getInputStream().read() != -1;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    private double refusedCount(String reason) {
        var counter = gateway.app.metrics().registry().find("hazardwatch.ingest.connections.refused")
                .tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void socketsThatSendNoConnectOrOnlyTrickleBytesAreClosedAfterTheConnectTimeout() throws Exception {
        double before = refusedCount("connect_timeout");
        Socket idle = open("127.0.0.11");
        Socket trickle = open("127.0.0.12");
        long start = System.nanoTime();
        // a slow loris: the first bytes of a CONNECT, one every 300 ms (Vert.x's own timeout is for silence only)
        Thread loris = new Thread(() -> {
            try {
                OutputStream out = trickle.getOutputStream();
                for (byte b : new byte[]{0x10, 0x7f, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c}) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the gateway
            }
        });
        loris.start();

        double idleClosed = secondsUntilClosed(idle);
        double trickleClosed = secondsUntilClosed(trickle) + idleClosed;
        loris.join();

        assertThat(idleClosed).as("idle socket closed after (s)")
                .isBetween(TIMEOUT_SECONDS - 0.5, TIMEOUT_SECONDS + 6.0);
        assertThat(trickleClosed).as("trickling socket closed after (s)").isLessThan(TIMEOUT_SECONDS + 6.0);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(TIMEOUT_SECONDS + 6.0);
        assertThat(refusedCount("connect_timeout") - before).isEqualTo(2);
    }

    @Test
    void beyondTheCapsNewSocketsAreClosedAtOnceWhileOtherAddressesAndLoginsGetIn() throws Exception {
        // GIVEN three idle sockets from one address, the cap per address
        List<Socket> held = List.of(open("127.0.0.21"), open("127.0.0.21"), open("127.0.0.21"));
        Thread.sleep(200);

        // WHEN a fourth comes from it THEN it is closed at once, long before the connect timeout
        assertThat(secondsUntilClosed(open("127.0.0.21"))).isLessThan(TIMEOUT_SECONDS - 0.5);
        // AND a socket from another address is taken (4 of 5 in total), and a device from a third one logs in
        Socket other = open("127.0.0.22");
        assertThat(gateway.connectFrom("127.0.0.23", TestRegistry.ENT_A_USER, TestRegistry.PASSWORD)).isNull();
        Socket fifth = open("127.0.0.24");
        Thread.sleep(200);
        // AND beyond five not logged in, a socket from any address is closed at once
        assertThat(secondsUntilClosed(open("127.0.0.25"))).isLessThan(TIMEOUT_SECONDS - 0.5);
        assertThat(stillOpenAfter(other, 300)).isTrue();
        assertThat(stillOpenAfter(fifth, 10)).isTrue();
        for (Socket s : held) {
            assertThat(stillOpenAfter(s, 10)).isTrue();
        }
        assertThat(refusedCount("unauthenticated_address_full")).isEqualTo(1);
        assertThat(refusedCount("unauthenticated_full")).isEqualTo(1);
        assertThat(gateway.app.metrics().registry().get("hazardwatch.ingest.connections.unauthenticated").gauge()
                .value()).isEqualTo(5);
    }
}
