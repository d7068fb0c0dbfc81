package io.hazardwatch.ingest.support;

import io.hazardwatch.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A device as firmware behaves: one reading in flight (QoS 1), the next only after its PUBACK; when the connection
 * is lost it reconnects (persistent session, clean session 0) and sends the unacknowledged reading again. Reading n
 * carries event time {@code base + n ms}, so every reading is told apart in Kafka. Runs on a thread of its own.
 */
public final class FleetDevice implements Runnable {

    private final String url;
    public final String enterprise;
    public final String device;
    private final String secret;
    private final Instant base;
    /** Readings (their number) that got a PUBACK. */
    public final Set<Integer> acked = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile long lastAckNanos;
    private volatile long lostNanos;
    private volatile long backNanos;
    private volatile boolean lastSessionPresent;
    private volatile int connects;
    private MqttClient client;
    private final Thread thread;

    public FleetDevice(String url, String enterprise, String device, String secret, Instant base) {
        this.url = url;
        this.enterprise = enterprise;
        this.device = device;
        this.secret = secret;
        this.base = base;
        this.thread = new Thread(this, "device-" + device);
        thread.setDaemon(true);
    }

    public FleetDevice start() {
        thread.start();
        return this;
    }

    @Override
    public void run() {
        int next = 0;
        while (running) {
            try {
                if (client != null && !client.isConnected()) {
                    lost(); // the gateway closed the connection between two readings (e.g. DISCONNECT at shutdown)
                }
                if (client == null) {
                    connect();
                }
                MqttMessage message = new MqttMessage(("{\"sensor\":\"temp-1\",\"value\":" + next + ",\"ts\":"
                        + base.plusMillis(next).toEpochMilli() + "}").getBytes(StandardCharsets.UTF_8));
                message.setQos(1);
                client.publish(Topics.mqttReadings(enterprise, device), message);
                acked.add(next++);
                long now = System.nanoTime();
                lastAckNanos = now;
                if (lostNanos != 0 && backNanos == 0) {
                    backNanos = now;
                }
                Thread.sleep(50);
            } catch (MqttException e) {
                lost();
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
        try {
            if (client != null && client.isConnected()) {
                client.disconnect(2000);
            }
        } catch (MqttException e) {
            // going away anyway
        }
        closeQuietly();
    }

    private void lost() {
        if (lostNanos == 0 && !acked.isEmpty()) {
            lostNanos = System.nanoTime();
        }
        closeQuietly();
    }

    private void connect() throws MqttException {
        closeQuietly();
        client = new MqttClient(url, device, new MemoryPersistence());
        client.setTimeToWait(5000);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(device + "-sec");
        options.setPassword(secret.toCharArray());
        options.setCleanSession(false);
        options.setConnectionTimeout(3);
        options.setKeepAliveInterval(30);
        IMqttToken token = client.connectWithResult(options);
        lastSessionPresent = token.getSessionPresent();
        connects++;
    }

    private void closeQuietly() {
        if (client != null) {
            try {
                client.disconnectForcibly(0, 100, false);
            } catch (MqttException e) {
                // not connected
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                // closed
            }
            client = null;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts watching for a loss of the connection from now: {@link #lostAfterWatch()}, {@link #backAfterWatch()}. */
    public void watch() {
        lostNanos = 0;
        backNanos = 0;
    }

    public boolean lostAfterWatch() {
        return lostNanos != 0;
    }

    /** When the first reading after the lost connection was acknowledged (System.nanoTime), 0 if not yet. */
    public long backAfterWatch() {
        return backNanos;
    }

    public long lastAckNanos() {
        return lastAckNanos;
    }

    /** Whether the gateway said "session present" on the last CONNECT. */
    public boolean lastSessionPresent() {
        return lastSessionPresent;
    }

    public int connects() {
        return connects;
    }

    public Instant eventTime(int reading) {
        return base.plusMillis(reading);
    }

    public void stop() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
