package io.hazardwatch.simulator.cli;

import io.hazardwatch.simulator.run.TickPublisher;
import io.hazardwatch.simulator.scenario.Scenario;

/** How {@code simulate} reaches the broker (Paho in production, a recorder in tests). */
@FunctionalInterface
public interface PublisherFactory {
    TickPublisher create(Scenario scenario, int mqttVersion, int qos);
}
