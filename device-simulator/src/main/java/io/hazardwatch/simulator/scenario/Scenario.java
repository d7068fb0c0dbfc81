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

    /**
     * @param offline windows in which the enterprise's gateway (its MQTT connection) is down
     */
    public record Enterprise(String id, String username, String password, List<Device> devices,
                             List<Window> offline) {
        public Enterprise {
            devices = List.copyOf(devices);
            offline = List.copyOf(offline);
        }

        public Enterprise(String id, String username, String password, List<Device> devices) {
            this(id, username, password, devices, List.of());
        }

        public boolean onlineAt(double seconds) {
            return offline.stream().noneMatch(w -> w.contains(seconds));
        }

        /** Keeps the password out of logs and test reports. */
        @Override
        public String toString() {
            return "Enterprise[id=" + id + ", username=" + username + ", password=***, devices=" + devices
                    + ", offline=" + offline + "]";
        }
    }

    /** @param offline windows in which the device publishes nothing */
    public record Device(String id, List<Sensor> sensors, List<Window> offline) {
        public Device {
            sensors = List.copyOf(sensors);
            offline = List.copyOf(offline);
        }

        public Device(String id, List<Sensor> sensors) {
            this(id, sensors, List.of());
        }

        public boolean onlineAt(double seconds) {
            return offline.stream().noneMatch(w -> w.contains(seconds));
        }
    }

    public record Sensor(String id, String unit, Behaviour behaviour) {
    }

    /** [from, until) in seconds since the scenario started. */
    public record Window(double from, double until) {
        public boolean contains(double seconds) {
            return seconds >= from && seconds < until;
        }
    }

    /** Every sensor of the scenario with its full key, in file order. */
    public List<KeyedSensor> sensors() {
        return enterprises.stream().flatMap(e -> e.devices().stream().flatMap(d -> d.sensors().stream()
                .map(s -> new KeyedSensor(new SensorKey(e.id(), d.id(), s.id()), s)))).toList();
    }

    public record KeyedSensor(SensorKey key, Sensor sensor) {
    }
}
