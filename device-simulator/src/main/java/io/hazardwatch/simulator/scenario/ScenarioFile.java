package io.hazardwatch.simulator.scenario;

import java.util.List;

/**
 * The scenario file as people write it (YAML). Every field is optional here so that {@link ScenarioValidator}
 * can name what is missing; nothing but the validator reads these records.
 */
public record ScenarioFile(String broker, List<Enterprise> enterprises) {

    /** {@code offline}: windows in which the enterprise's gateway is disconnected and publishes nothing. */
    public record Enterprise(String id, String username, String password, List<Device> devices,
                             List<Window> offline) {
    }

    /** {@code offline}: windows in which the device publishes nothing (its gateway stays connected). */
    public record Device(String id, List<Sensor> sensors, List<Window> offline) {
    }

    public record Sensor(String id, String unit, BehaviourSpec behaviour) {
    }

    /** Seconds since the scenario started; {@code until} is exclusive. */
    public record Window(Double from, Double until) {
    }

    /**
     * {@code type} picks the behaviour; each type has its own fields (see {@link Behaviour}); every type
     * has {@code mean} and {@code sd}.
     */
    public record BehaviourSpec(String type, Double mean, Double sd, Double startAfter, Double peak,
                                Double rampSeconds, Double holdSeconds, Double decaySeconds, Double at,
                                Double seconds, Double perHour, Double periodSeconds, Double durationSeconds) {
    }
}
