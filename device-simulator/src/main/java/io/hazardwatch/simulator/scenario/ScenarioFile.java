package io.hazardwatch.simulator.scenario;

import java.util.List;

/**
 * The scenario file as people write it (YAML). Every field is optional here so that {@link ScenarioValidator}
 * can name what is missing; nothing but the validator reads these records.
 */
public record ScenarioFile(String broker, List<Enterprise> enterprises) {

    public record Enterprise(String id, String username, String password, List<Device> devices) {
    }

    public record Device(String id, List<Sensor> sensors) {
    }

    public record Sensor(String id, String unit, BehaviourSpec behaviour) {
    }

    /**
     * {@code type: baseline} uses {@code mean} and {@code sd}; {@code type: leak} adds the leak's timing
     * (seconds since the scenario started) and {@code peak}.
     */
    public record BehaviourSpec(String type, Double mean, Double sd, Double startAfter, Double peak,
                                Double rampSeconds, Double holdSeconds, Double decaySeconds) {
    }
}
