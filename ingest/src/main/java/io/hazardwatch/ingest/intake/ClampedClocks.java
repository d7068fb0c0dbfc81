package io.hazardwatch.ingest.intake;

import io.hazardwatch.ingest.metrics.IngestMetrics;
import io.hazardwatch.ingest.validation.ClockAhead;
import io.hazardwatch.model.DeviceAddress;
import io.hazardwatch.model.SensorKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts readings whose stamp ran ahead of the gateway clock ({@code hazardwatch_ingest_readings_clamped_total})
 * and tells the people on duty once per device per interval, not once per reading: a device with a wrong clock
 * sends every reading wrong. Thread-safe.
 */
public final class ClampedClocks implements ClockAhead {

    private static final Logger LOG = LoggerFactory.getLogger(ClampedClocks.class);

    private final IngestMetrics metrics;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<DeviceAddress, Device> devices = new ConcurrentHashMap<>();

    public ClampedClocks(IngestMetrics metrics, Duration logInterval, LongSupplier nanoClock) {
        this.metrics = metrics;
        this.intervalNanos = logInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public void clamped(SensorKey sensor, Instant stamped, Instant receivedAt) {
        metrics.clockClamped();
        Device device = devices.computeIfAbsent(new DeviceAddress(sensor.enterprise(), sensor.device()), d -> new Device());
        long now = nanoClock.getAsLong();
        long since;
        synchronized (device) {
            device.clamped++;
            if (device.loggedAt != Long.MIN_VALUE && now - device.loggedAt < intervalNanos) {
                return;
            }
            since = device.clamped;
            device.clamped = 0;
            device.loggedAt = now;
        }
        LOG.warn("device {}/{}: clock {} s ahead of the gateway (sensor {} stamped {}); its readings are judged at "
                        + "receive time ({} clamped since the last such line; next line in {} min at the earliest)",
                sensor.enterprise(), sensor.device(), Duration.between(receivedAt, stamped).toSeconds(), sensor.sensor(),
                stamped, since, Duration.ofNanos(intervalNanos).toMinutes());
    }

    private static final class Device {
        long loggedAt = Long.MIN_VALUE;
        long clamped;
    }
}
