package io.hazardwatch.simulator.latency;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.Topics;
import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.report.LatencyHistogram;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Measures publish → alarm-on-board: publishes a reading above the sensor's set point, marked by its unique
 * timestamp, and waits for the board's {@code RAISED} event whose event time is that mark; then publishes a
 * normal value so that the alarm clears before the next probe.
 */
public final class LatencyProbe {

    /**
     * @param high    a value that raises an alarm; {@code low}: one that clears it
     * @param every   time between probes
     * @param timeout how long to wait for each alarm before counting it lost
     */
    public record Settings(SensorKey sensor, String unit, double high, double low, int count, Duration every,
                           Duration timeout) {
    }

    public record Result(int probes, int seen, int lost, LatencyHistogram latency) {
    }

    private final MqttLink link;
    private final Settings settings;
    private final PrintWriter out;
    private final Map<Instant, Long> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<AlarmEvent> transitions = new LinkedBlockingQueue<>();
    private final LatencyHistogram latency = new LatencyHistogram();

    public LatencyProbe(MqttLink link, Settings settings, PrintWriter out) {
        this.link = link;
        this.settings = settings;
        this.out = out;
    }

    /** Feed of the board's alarm events (from {@link AlarmStreamClient}). */
    public void onAlarm(AlarmStreamClient.Arrival arrival) {
        AlarmEvent e = arrival.event();
        if (!settings.sensor().equals(new SensorKey(e.enterprise(), e.device(), e.sensor()))) {
            return;
        }
        if (e.transition() == AlarmTransition.RAISED) {
            Long sentAt = pending.remove(e.eventTime());
            if (sentAt != null) {
                latency.recordNanos(arrival.nanoTime() - sentAt);
            }
        }
        transitions.add(e);
    }

    public Result run() throws InterruptedException {
        String topic = Topics.mqttReadings(settings.sensor().enterprise(), settings.sensor().device());
        publish(topic, settings.low(), Instant.now());
        awaitTransition(AlarmTransition.CLEARED, Duration.ofSeconds(2));
        int lost = 0;
        for (int i = 0; i < settings.count(); i++) {
            Instant mark = Instant.ofEpochMilli(System.currentTimeMillis());
            transitions.clear();
            pending.put(mark, System.nanoTime());
            publish(topic, settings.high(), mark);
            if (awaitTransition(AlarmTransition.RAISED, settings.timeout()) == null || pending.remove(mark) != null) {
                lost++;
            }
            publish(topic, settings.low(), Instant.now());
            awaitTransition(AlarmTransition.CLEARED, settings.timeout());
            if ((i + 1) % 10 == 0) {
                out.printf(Locale.ROOT, "probe %d/%d  p50 %s ms  p99 %s ms  lost %d%n", i + 1, settings.count(),
                        LatencyHistogram.ms(latency.percentileMicros(50)), LatencyHistogram.ms(latency.percentileMicros(99)), lost);
                out.flush();
            }
            Thread.sleep(settings.every().toMillis());
        }
        return new Result(settings.count(), (int) latency.count(), lost, latency);
    }

    private void publish(String topic, double value, Instant ts) {
        byte[] payload = Json.toBytes(DeviceMessage.reading(settings.sensor().sensor(), value, settings.unit(), ts));
        try {
            link.publish(topic, payload, 1).get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            out.println("probe publish failed: " + e);
        }
    }

    private AlarmEvent awaitTransition(AlarmTransition wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            AlarmEvent e = transitions.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && e.transition() == wanted) {
                return e;
            }
        }
    }
}
