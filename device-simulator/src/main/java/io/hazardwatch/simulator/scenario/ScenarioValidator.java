package io.hazardwatch.simulator.scenario;

import io.hazardwatch.simulator.scenario.ScenarioFile.BehaviourSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                list(e.devices(), path + ".devices", ScenarioValidator::device, Scenario.Device::id),
                windows(e.offline(), path + ".offline"));
    }

    private static Scenario.Device device(ScenarioFile.Device d, String path) {
        return new Scenario.Device(topicId(d.id(), path + ".id"), list(d.sensors(), path + ".sensors",
                ScenarioValidator::sensor, Scenario.Sensor::id), windows(d.offline(), path + ".offline"));
    }

    private static Scenario.Sensor sensor(ScenarioFile.Sensor s, String path) {
        return new Scenario.Sensor(topicId(s.id(), path + ".id"), require(s.unit(), path + ".unit"),
                behaviour(require(s.behaviour(), path + ".behaviour"), path + ".behaviour"));
    }

    /** The fields each behaviour type takes besides {@code type}, {@code mean} and {@code sd}. */
    private static final Map<String, List<String>> TYPE_FIELDS = new LinkedHashMap<>();

    static {
        TYPE_FIELDS.put("baseline", List.of());
        TYPE_FIELDS.put("leak", List.of("startAfter", "peak", "rampSeconds", "holdSeconds", "decaySeconds"));
        TYPE_FIELDS.put("spike", List.of("at", "peak", "seconds"));
        TYPE_FIELDS.put("drift", List.of("startAfter", "perHour"));
        TYPE_FIELDS.put("stuck", List.of("at"));
        TYPE_FIELDS.put("storm", List.of("startAfter", "peak", "periodSeconds", "durationSeconds"));
    }

    private static Behaviour behaviour(BehaviourSpec b, String path) {
        String type = require(b.type(), path + ".type");
        if (!TYPE_FIELDS.containsKey(type)) {
            throw new ScenarioException(path + ".type: '" + type + "' is not one of "
                    + String.join(", ", TYPE_FIELDS.keySet()));
        }
        double mean = finite(require(b.mean(), path + ".mean"), path + ".mean");
        double sd = b.sd() == null ? 0 : finite(b.sd(), path + ".sd");
        if (sd < 0) {
            throw new ScenarioException(path + ".sd: must be >= 0, was " + sd);
        }
        rejectFieldsOfOtherTypes(b, type, path);
        return switch (type) {
            case "baseline" -> new Behaviour.Baseline(mean, sd);
            case "leak" -> leak(b, mean, sd, path);
            case "spike" -> new Behaviour.Spike(mean, sd, seconds(b.at(), path + ".at", true),
                    peak(b, mean, path), seconds(b.seconds(), path + ".seconds", false));
            case "drift" -> new Behaviour.Drift(mean, sd, seconds(b.startAfter(), path + ".startAfter", true),
                    finite(require(b.perHour(), path + ".perHour"), path + ".perHour"));
            case "stuck" -> new Behaviour.Stuck(mean, sd, seconds(b.at(), path + ".at", true));
            default -> storm(b, mean, sd, path);
        };
    }

    private static void rejectFieldsOfOtherTypes(BehaviourSpec b, String type, String path) {
        Map<String, Double> given = new LinkedHashMap<>();
        given.put("startAfter", b.startAfter());
        given.put("peak", b.peak());
        given.put("rampSeconds", b.rampSeconds());
        given.put("holdSeconds", b.holdSeconds());
        given.put("decaySeconds", b.decaySeconds());
        given.put("at", b.at());
        given.put("seconds", b.seconds());
        given.put("perHour", b.perHour());
        given.put("periodSeconds", b.periodSeconds());
        given.put("durationSeconds", b.durationSeconds());
        List<String> allowed = TYPE_FIELDS.get(type);
        given.forEach((field, value) -> {
            if (value != null && !allowed.contains(field)) {
                throw new ScenarioException(path + "." + field + ": not a field of type " + type + " (its fields: "
                        + String.join(", ", concat(List.of("mean", "sd"), allowed)) + ")");
            }
        });
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static double peak(BehaviourSpec b, double mean, String path) {
        double peak = finite(require(b.peak(), path + ".peak"), path + ".peak");
        if (peak <= mean) {
            throw new ScenarioException(path + ".peak: must be > baseline mean " + mean + ", was " + peak);
        }
        return peak;
    }

    private static Behaviour leak(BehaviourSpec b, double mean, double sd, String path) {
        double peak = peak(b, mean, path);
        return new Behaviour.Leak(mean, sd,
                seconds(b.startAfter(), path + ".startAfter", true),
                peak,
                seconds(b.rampSeconds(), path + ".rampSeconds", false),
                seconds(b.holdSeconds(), path + ".holdSeconds", true),
                seconds(b.decaySeconds(), path + ".decaySeconds", false));
    }

    private static Behaviour storm(BehaviourSpec b, double mean, double sd, String path) {
        double startAfter = seconds(b.startAfter(), path + ".startAfter", true);
        double peak = peak(b, mean, path);
        return new Behaviour.Storm(mean, sd, startAfter, peak, seconds(b.periodSeconds(), path + ".periodSeconds", false),
                seconds(b.durationSeconds(), path + ".durationSeconds", false));
    }

    /** Offline windows: optional; each needs 0 <= from < until. */
    private static List<Scenario.Window> windows(List<ScenarioFile.Window> raw, String path) {
        if (raw == null) {
            return List.of();
        }
        List<Scenario.Window> windows = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String element = path + "[" + i + "]";
            ScenarioFile.Window w = require(raw.get(i), element);
            double from = seconds(w.from(), element + ".from", true);
            double until = finite(require(w.until(), element + ".until"), element + ".until");
            if (until <= from) {
                throw new ScenarioException(element + ".until: must be > from " + from + ", was " + until);
            }
            windows.add(new Scenario.Window(from, until));
        }
        return windows;
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
