package io.hazardwatch.simulator.scenario;

import io.hazardwatch.simulator.scenario.ScenarioFile.BehaviourSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Turns a parsed {@link ScenarioFile} into a {@link Scenario}, or names the first field that is wrong. */
final class ScenarioValidator {

    private static final Set<String> BROKER_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    private ScenarioValidator() {
    }

    static Scenario validate(ScenarioFile file) {
        String broker = checkBroker(file.broker(), "broker");
        List<Scenario.Enterprise> enterprises = list(file.enterprises(), "enterprises", ScenarioValidator::enterprise,
                Scenario.Enterprise::id);
        return new Scenario(broker, enterprises);
    }

    static String checkBroker(String url, String path) {
        require(url, path);
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !BROKER_SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
                throw new ScenarioException(path + ": '" + url + "' is not a broker URL like tcp://127.0.0.1:1883");
            }
        } catch (URISyntaxException e) {
            throw new ScenarioException(path + ": '" + url + "' is not a broker URL like tcp://127.0.0.1:1883");
        }
        return url;
    }

    private static Scenario.Enterprise enterprise(ScenarioFile.Enterprise e, String path) {
        return new Scenario.Enterprise(topicId(e.id(), path + ".id"), require(e.username(), path + ".username"),
                require(e.password(), path + ".password"),
                list(e.devices(), path + ".devices", ScenarioValidator::device, Scenario.Device::id));
    }

    private static Scenario.Device device(ScenarioFile.Device d, String path) {
        return new Scenario.Device(topicId(d.id(), path + ".id"), list(d.sensors(), path + ".sensors",
                ScenarioValidator::sensor, Scenario.Sensor::id));
    }

    private static Scenario.Sensor sensor(ScenarioFile.Sensor s, String path) {
        return new Scenario.Sensor(topicId(s.id(), path + ".id"), require(s.unit(), path + ".unit"),
                behaviour(require(s.behaviour(), path + ".behaviour"), path + ".behaviour"));
    }

    private static Behaviour behaviour(BehaviourSpec b, String path) {
        String type = require(b.type(), path + ".type");
        double mean = finite(require(b.mean(), path + ".mean"), path + ".mean");
        double sd = b.sd() == null ? 0 : finite(b.sd(), path + ".sd");
        if (sd < 0) {
            throw new ScenarioException(path + ".sd: must be >= 0, was " + sd);
        }
        return switch (type) {
            case "baseline" -> baseline(b, mean, sd, path);
            case "leak" -> leak(b, mean, sd, path);
            default -> throw new ScenarioException(path + ".type: '" + type + "' is not one of baseline, leak");
        };
    }

    private static Behaviour baseline(BehaviourSpec b, double mean, double sd, String path) {
        String[] leakOnly = {"startAfter", "peak", "rampSeconds", "holdSeconds", "decaySeconds"};
        Double[] values = {b.startAfter(), b.peak(), b.rampSeconds(), b.holdSeconds(), b.decaySeconds()};
        for (int i = 0; i < leakOnly.length; i++) {
            if (values[i] != null) {
                throw new ScenarioException(path + "." + leakOnly[i] + ": only allowed with type: leak");
            }
        }
        return new Behaviour.Baseline(mean, sd);
    }

    private static Behaviour leak(BehaviourSpec b, double mean, double sd, String path) {
        double peak = finite(require(b.peak(), path + ".peak"), path + ".peak");
        if (peak <= mean) {
            throw new ScenarioException(path + ".peak: must be > baseline mean " + mean + ", was " + peak);
        }
        return new Behaviour.Leak(mean, sd,
                seconds(b.startAfter(), path + ".startAfter", true),
                peak,
                seconds(b.rampSeconds(), path + ".rampSeconds", false),
                seconds(b.holdSeconds(), path + ".holdSeconds", true),
                seconds(b.decaySeconds(), path + ".decaySeconds", false));
    }

    private static double seconds(Double value, String path, boolean zeroAllowed) {
        double s = finite(require(value, path), path);
        if (zeroAllowed ? s < 0 : s <= 0) {
            throw new ScenarioException(path + ": must be " + (zeroAllowed ? ">= 0" : "> 0") + " seconds, was " + s);
        }
        return s;
    }

    private interface Check<R, T> {
        T apply(R raw, String path);
    }

    /** A required, non-empty list whose elements have unique ids. */
    private static <R, T> List<T> list(List<R> raw, String path, Check<R, T> check, Function<T, String> idOf) {
        if (raw == null || raw.isEmpty()) {
            throw new ScenarioException(path + ": required, at least one entry");
        }
        List<T> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String element = path + "[" + i + "]";
            T value = check.apply(require(raw.get(i), element), element);
            String id = idOf.apply(value);
            if (!ids.add(id)) {
                throw new ScenarioException(element + ".id: duplicate '" + id + "'");
            }
            result.add(value);
        }
        return result;
    }

    /** Ids become MQTT topic levels, so they may not hold separators or wildcards. */
    private static String topicId(String id, String path) {
        require(id, path);
        if (!id.matches("[^/+#\\s]+")) {
            throw new ScenarioException(path + ": '" + id + "' may not contain '/', '+', '#' or spaces");
        }
        return id;
    }

    private static double finite(double value, String path) {
        if (!Double.isFinite(value)) {
            throw new ScenarioException(path + ": must be a finite number");
        }
        return value;
    }

    private static <T> T require(T value, String path) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new ScenarioException(path + ": required");
        }
        return value;
    }
}
