package io.hazardwatch.simulator.scenario;

import io.hazardwatch.model.SensorKey;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated simulation: which broker to publish to, and per enterprise its MQTT login and the devices
 * and sensors it simulates. Load one with {@link #load(Path)}.
 */
public record Scenario(String broker, List<Enterprise> enterprises) {

    public Scenario {
        enterprises = List.copyOf(enterprises);
    }

    /** Reads and validates a scenario file; a {@link ScenarioException} names the first bad field. */
    public static Scenario load(Path file) {
        return ScenarioValidator.validate(ScenarioParser.parse(file));
    }

    /** The same scenario published to another broker (the command line's {@code --broker}). */
    public Scenario withBroker(String url) {
        return new Scenario(ScenarioValidator.checkBroker(url, "broker"), enterprises);
    }

    public int deviceCount() {
        return enterprises.stream().mapToInt(e -> e.devices().size()).sum();
    }

    public record Enterprise(String id, String username, String password, List<Device> devices) {
        public Enterprise {
            devices = List.copyOf(devices);
        }

        /** Keeps the password out of logs and test reports. */
        @Override
        public String toString() {
            return "Enterprise[id=" + id + ", username=" + username + ", password=***, devices=" + devices + "]";
        }
    }

    public record Device(String id, List<Sensor> sensors) {
        public Device {
            sensors = List.copyOf(sensors);
        }
    }

    public record Sensor(String id, String unit, Behaviour behaviour) {
    }

    /** Every sensor of the scenario with its full key, in file order. */
    public List<KeyedSensor> sensors() {
        return enterprises.stream().flatMap(e -> e.devices().stream().flatMap(d -> d.sensors().stream()
                .map(s -> new KeyedSensor(new SensorKey(e.id(), d.id(), s.id()), s)))).toList();
    }

    public record KeyedSensor(SensorKey key, Sensor sensor) {
    }
}
