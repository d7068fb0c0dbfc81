package io.hazardwatch.simulator.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Debian's Mosquitto on 127.0.0.1, started and stopped by a test; anonymous, no persistence. */
final class MosquittoBroker implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final int port;
    private final Path config;
    private final Path log;
    private Process process;

    MosquittoBroker(int port, Path dir) {
        this.port = port;
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        try {
            Files.writeString(config, """
                    listener %d 127.0.0.1
                    allow_anonymous true
                    persistence false
                    # a subscriber that falls behind gets every QoS 1 message (the default drops beyond 1 000)
                    max_queued_messages 0
                    log_dest stdout
                    """.formatted(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker and waits (at most 10 s) until it accepts connections. */
    MosquittoBroker start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: deploy/test.sh installs Debian's mosquitto package");
        }
        process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port + " within 10 s: " + Files.readString(log));
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 5 s). */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    /**
     * A Paho client subscribed to {@code filter} at QoS 1, taking up to 1 000 messages unacknowledged, so that a test
     * sees everything the broker delivered. Close it with {@link #stop(MqttClient)}.
     */
    MqttClient subscriber(String clientId, String filter, IMqttMessageListener listener) throws MqttException {
        MqttClient subscriber = new MqttClient(url(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        subscriber.connect(options);
        subscriber.subscribe(filter, 1, listener);
        return subscriber;
    }

    /** Closes a test's subscriber, then stops the broker. */
    void stop(MqttClient subscriber) throws Exception {
        try {
            if (subscriber.isConnected()) {
                subscriber.disconnectForcibly(500, 500);
            }
            subscriber.close(true);
        } finally {
            stop();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
