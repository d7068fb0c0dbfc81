package io.hazardwatch.simulator.latency;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.SensorKey;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.simulator.mqtt.MqttLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Gateway, detection job and live board in one, for probe tests: a reading at or above 25 raises its sensor's
 * threshold alarm (event time and episode start = the reading's time), one below clears it. The job's events
 * pass through {@link #board} (tests rewrite or drop them) and reach the probe on another thread, after
 * {@link #delay}, as the rows the board makes of them, in the JSON the SSE reader parses. {@link #timeline()} records publishes and deliveries.
 */
final class FakePipeline implements AutoCloseable {

    private static final double SET_POINT = 25;

    private final List<String> timeline = new ArrayList<>();
    /** What the board shows for each event the job emits: by default the event itself. */
    volatile Function<AlarmEvent, List<AlarmEvent>> board = List::of;
    volatile Duration delay = Duration.ZERO;
    /** How long a publish takes to be acknowledged (the board's delay counts from the publish, not from this). */
    volatile Duration pubAckDelay = Duration.ZERO;
    private volatile Consumer<AlarmStreamClient.Arrival> probe = a -> { };
    private final Map<SensorKey, Instant> open = new HashMap<>();
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();

    void feed(Consumer<AlarmStreamClient.Arrival> probe) {
        this.probe = probe;
    }

    /** The link of one enterprise's gateway: it may publish for that enterprise only. */
    MqttLink link(String enterprise) {
        return new MqttLink() {
            @Override
            public CompletableFuture<Void> connect() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
                String[] parts = topic.split("/");
                if (!parts[2].equals(enterprise)) {
                    return CompletableFuture.failedFuture(new IllegalStateException(enterprise + " may not publish to " + topic));
                }
                DeviceMessage m = Json.fromBytes(payload, DeviceMessage.class);
                detect(new SensorKey(parts[2], parts[3], m.sensor()), m.value(), m.ts());
                if (pubAckDelay.isZero()) {
                    return CompletableFuture.completedFuture(null);
                }
                return CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(pubAckDelay.toMillis(), TimeUnit.MILLISECONDS));
            }

            @Override
            public CompletableFuture<Void> subscribe(String filter, int qos, BiConsumer<String, byte[]> handler) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isConnected() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private synchronized void detect(SensorKey sensor, double value, Instant ts) {
        log("publish " + sensor + " " + value);
        Instant episode = open.get(sensor);
        if (value >= SET_POINT && episode == null) {
            open.put(sensor, ts);
            emit(event(sensor, AlarmTransition.RAISED, value, ts, ts));
        } else if (value < SET_POINT && episode != null) {
            open.remove(sensor);
            emit(event(sensor, AlarmTransition.CLEARED, value, episode, ts));
        }
    }

    private void emit(AlarmEvent event) {
        for (AlarmEvent shown : board.apply(event)) {
            reader.schedule(() -> {
                log("board " + shown.alarmType() + " " + shown.transition() + " " + shown.enterprise() + "/"
                        + shown.device() + "/" + shown.sensor());
                probe.accept(AlarmStreamClient.Arrival.of(row(shown), System.nanoTime()));
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The board's row of the episode after {@code e} (the parts the probe reads; version and counts left out). */
    private static String row(AlarmEvent e) {
        Map<String, Object> alarm = Map.of("alarmKey", e.alarmKey(), "enterprise", e.enterprise(), "device", e.device(),
                "sensor", e.sensor(), "alarmType", e.alarmType(), "raisedAt", e.episodeStart().toString(),
                "lastUpdate", e.eventTime().toString());
        boolean active = e.transition() != AlarmTransition.CLEARED;
        return Json.toString(Map.of("id", e.alarmKey() + "~" + e.episodeStart().toEpochMilli(),
                "status", active ? "RAISED" : "CLEARED_UNACKNOWLEDGED", "active", active, "alarm", alarm));
    }

    private void log(String line) {
        synchronized (timeline) {
            timeline.add(line);
        }
    }

    List<String> timeline() {
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }

    static AlarmEvent event(SensorKey sensor, AlarmTransition transition, double value, Instant episode, Instant at) {
        return event(sensor, AlarmEvent.THRESHOLD, transition, value, episode, at);
    }

    static AlarmEvent event(SensorKey sensor, String type, AlarmTransition transition, double value, Instant episode,
                            Instant at) {
        AlarmLevel level = transition == AlarmTransition.CLEARED ? AlarmLevel.NONE : AlarmLevel.FIRST;
        return new AlarmEvent(AlarmEvent.SCHEMA, AlarmEvent.keyOf(sensor, type), sensor.enterprise(), sensor.device(),
                sensor.sensor(), SensorType.COMBUSTIBLE_GAS, type, level, transition, value, SET_POINT, "%LEL",
                type.toLowerCase() + ":" + sensor, 1, episode, at, Instant.now());
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
