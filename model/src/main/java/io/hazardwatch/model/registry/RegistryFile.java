package io.hazardwatch.model.registry;

import io.hazardwatch.model.SensorType;
import java.util.List;

/**
 * The registry file as written by people (YAML or JSON). {@link Registry#load} validates it; nothing else
 * reads these records directly.
 */
public record RegistryFile(int version, List<Enterprise> enterprises) {

    /** An enterprise with major hazard sources, in one grid cell of the supervision grid. */
    public record Enterprise(String id, String name, String gridCell, List<Credential> credentials,
                             List<Device> devices) {
    }

    /** MQTT / HTTP login of the enterprise's gateway or devices. The password is kept only as a bcrypt hash. */
    public record Credential(String username, String passwordHash) {
    }

    public record Device(String id, String name, List<Sensor> sensors) {
    }

    /** A sensor; {@code thresholds} overrides its type's defaults field by field. */
    public record Sensor(String id, SensorType type, ThresholdSpec thresholds) {
    }

    public record ThresholdSpec(Double firstHigh, Double secondHigh, Double firstLow, Double secondLow,
                                Double deadband) {
    }
}
