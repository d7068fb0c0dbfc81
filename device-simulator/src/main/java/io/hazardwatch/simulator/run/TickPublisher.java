package io.hazardwatch.simulator.run;

import io.hazardwatch.simulator.scenario.DeviceSample;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Sends one tick's samples somewhere. Failures are counted, never thrown: a simulator that stops at the
 * first broker hiccup would hide exactly the outages the system must survive.
 */
public interface TickPublisher extends AutoCloseable {

    /** Opens connections; must not block for long or fail when the broker is not up yet. */
    void start();

    /** Publishes one batch per sample, each reading stamped {@code now}. */
    void publish(List<DeviceSample> tick, Instant now);

    /**
     * The enterprises whose gateway is offline from this tick on (all others are online); called before each
     * tick's {@link #publish}. Publishers without connections ignore it.
     */
    default void gatewaysOffline(Set<String> enterprises) {
    }

    PublishCounts counts();

    @Override
    void close();
}
