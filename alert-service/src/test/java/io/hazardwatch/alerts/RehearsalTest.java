package io.hazardwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.testsupport.FreePort;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standby's rehearsal (issue 18) runs the same service a start runs, with a made-up alarm whose messages reach only
 * its own sink: Kafka, InfluxDB and the webhook provider are sockets of this test that count every connection made to
 * them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RehearsalTest {

    @TempDir
    Path dir;

    @Test
    void runsTheWholeServiceWithAMadeUpAlarmAndConnectsToNothingOutside() throws Exception {
        try (Trap kafka = new Trap(); Trap influx = new Trap(); Trap webhook = new Trap()) {
            AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                    "kafka.bootstrap", "127.0.0.1:" + kafka.port(),
                    "influx.url", "http://127.0.0.1:" + influx.port(),
                    "influx.incidents", "true",
                    "alert.notify.channels", "push",
                    "alert.notify.push.url", "http://127.0.0.1:" + webhook.port() + "/push"));

            Rehearsal.Outcome rehearsed = Rehearsal.run(config);
            Thread.sleep(500); // a connection begun by a thread the rehearsal left behind would arrive by now

            assertThat(kafka.accepted()).as("connections to Kafka").isZero();
            assertThat(influx.accepted()).as("connections to InfluxDB").isZero();
            assertThat(webhook.accepted()).as("connections to the provider").isZero();
            assertThat(rehearsed.messages()).as("the made-up alarm's messages, sent to the rehearsal's sink").isPositive();
            assertThat(rehearsed.incidents()).as("the made-up incident, taken over by the second term").isEqualTo(1);
            // the one route the rehearsal leaves out: the dead-letter counts, which would follow a Kafka topic
            assertThat(rehearsed.routes()).isEqualTo(routesOfAStart().stream()
                    .filter(route -> !route.equals("GET /api/dead-letters")).toList());
        }
    }

    /** The routes of a real start (on a Kafka nobody answers at). */
    private List<String> routesOfAStart() {
        Vertx vertx = Vertx.vertx();
        try {
            AlertServiceConfig config = TestFiles.config(dir, TestFiles.quietPolicy(), Map.of(
                    "kafka.bootstrap", "127.0.0.1:" + FreePort.find()));
            AlertServiceApp app = Await.result(AlertServiceApp.start(vertx, config));
            List<String> routes = app.routes();
            Await.result(app.stop());
            return routes;
        } finally {
            Await.result(vertx.close());
        }
    }

    /** A listening socket on 127.0.0.1 that accepts, counts and drops every connection. */
    private static final class Trap implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread thread;

        Trap() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(100);
            thread = new Thread(this::accept, "trap-" + socket.getLocalPort());
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket ignored = socket.accept()) {
                    accepted.incrementAndGet();
                } catch (SocketTimeoutException e) {
                    // look again
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
