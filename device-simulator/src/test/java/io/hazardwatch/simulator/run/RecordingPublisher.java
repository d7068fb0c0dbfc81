package io.hazardwatch.simulator.run;

import io.hazardwatch.simulator.scenario.DeviceSample;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A publisher that keeps every tick it is given; with {@code failing} it counts every batch as failed. */
public final class RecordingPublisher implements TickPublisher {

    public final List<List<DeviceSample>> ticks = new CopyOnWriteArrayList<>();
    public final List<Instant> stamps = new CopyOnWriteArrayList<>();
    private final boolean failing;
    public volatile boolean started;
    public volatile boolean closed;
    private long batches;
    private long readings;
    private long failed;

    public RecordingPublisher(boolean failing) {
        this.failing = failing;
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public synchronized void publish(List<DeviceSample> tick, Instant now) {
        ticks.add(tick);
        stamps.add(now);
        if (failing) {
            failed += tick.size();
        } else {
            batches += tick.size();
            readings += tick.stream().mapToInt(s -> s.values().size()).sum();
        }
    }

    @Override
    public synchronized PublishCounts counts() {
        return new PublishCounts(batches, readings, failed);
    }

    @Override
    public void close() {
        closed = true;
    }
}
