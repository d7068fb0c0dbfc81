package io.hazardwatch.simulator.run;

import io.hazardwatch.simulator.scenario.DeviceSample;
import java.time.Instant;
import java.util.List;

/**
 * Sends one tick's samples somewhere. Failures are counted, never thrown: a simulator that stops at the
 * first broker hiccup would hide exactly the outages the system must survive.
 */
public interface TickPublisher extends AutoCloseable {

    /** Opens connections; must not block for long or fail when the broker is not up yet. */
    void start();

    /** Publishes one batch per sample, each reading stamped {@code now}. */
    void publish(List<DeviceSample> tick, Instant now);

    PublishCounts counts();

    @Override
    void close();
}
