package io.hazardwatch.simulator.mqtt;

import io.hazardwatch.model.DeviceMessage;
import io.hazardwatch.model.Json;
import io.hazardwatch.model.Topics;
import io.hazardwatch.simulator.run.PublishCounts;
import io.hazardwatch.simulator.run.TickPublisher;
import io.hazardwatch.simulator.scenario.DeviceSample;
import io.hazardwatch.simulator.scenario.Scenario;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes each device's readings of a tick as one batch {@link DeviceMessage} on its readings topic, over
 * one connection per enterprise (MQTT 3.1.1 or 5, QoS 1 or 0, automatic reconnect). A failed publish is
 * logged and counted; the next tick carries on. Gateways the scenario takes offline are disconnected.
 */
public final class ReadingPublisher implements TickPublisher {

    private final Map<String, EnterpriseConnection> connections = new LinkedHashMap<>();
    private final MqttSettings settings;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mqtt-connect-retry");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    public ReadingPublisher(Scenario scenario, MqttSettings settings) {
        this.settings = settings;
        for (Scenario.Enterprise enterprise : scenario.enterprises()) {
            connections.put(enterprise.id(), new EnterpriseConnection(scenario.broker(), enterprise, settings));
        }
    }

    /** Tries each connection once now; the ones that fail keep retrying in the background. */
    @Override
    public void start() {
        connections.values().forEach(this::connectOrRetry);
    }

    @Override
    public void publish(List<DeviceSample> tick, Instant now) {
        for (DeviceSample sample : tick) {
            publish(sample, now);
        }
    }

    @Override
    public void gatewaysOffline(Set<String> offline) {
        for (EnterpriseConnection connection : connections.values()) {
            boolean shouldBeOffline = offline.contains(connection.enterprise());
            if (shouldBeOffline && !connection.offline()) {
                connection.goOffline();
            } else if (!shouldBeOffline && connection.offline()) {
                connection.goOnline();
                connectOrRetry(connection);
            }
        }
    }

    private void publish(DeviceSample sample, Instant now) {
        EnterpriseConnection connection = connections.get(sample.enterprise());
        if (connection.offline()) {
            return;
        }
        String topic = Topics.mqttReadings(sample.enterprise(), sample.device());
        try {
            connection.publish(topic, Json.toBytes(toMessage(sample, now)));
            batches.incrementAndGet();
            readings.addAndGet(sample.values().size());
        } catch (MqttLink.MqttFailure e) {
            failed.incrementAndGet();
            connection.publishFailed(topic, e);
        }
    }

    /** The wire payload of one device's sample: a batch of readings, all stamped {@code now}. */
    public static DeviceMessage toMessage(DeviceSample sample, Instant now) {
        return DeviceMessage.batch(sample.values().stream()
                .map(v -> DeviceMessage.reading(v.sensor(), v.value(), v.unit(), now))
                .toList());
    }

    @Override
    public PublishCounts counts() {
        return new PublishCounts(batches.get(), readings.get(), failed.get());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        retries.shutdownNow();
        try {
            retries.awaitTermination(settings.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.values().forEach(EnterpriseConnection::close);
    }

    private void connectOrRetry(EnterpriseConnection connection) {
        if (connection.tryConnect()) {
            return;
        }
        try {
            retries.schedule(() -> connectOrRetry(connection), settings.connectRetry().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: no more attempts
        }
    }
}
