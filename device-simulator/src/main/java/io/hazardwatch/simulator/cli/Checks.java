package io.hazardwatch.simulator.cli;

import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.ScenarioException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option checks shared by the commands: each failure names the option, and the CLI exits with 2. */
final class Checks {

    private Checks() {
    }

    static ParameterException bad(CommandSpec spec, String option, String problem) {
        return new ParameterException(spec.commandLine(), option + ": " + problem);
    }

    static long positive(CommandSpec spec, String option, long value) {
        if (value <= 0) {
            throw bad(spec, option, "must be > 0, was " + value);
        }
        return value;
    }

    static double positive(CommandSpec spec, String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw bad(spec, option, "must be > 0, was " + value);
        }
        return value;
    }

    static int mqttVersion(CommandSpec spec, int version) {
        if (version != 3 && version != 5) {
            throw bad(spec, "--mqtt-version", "must be 3 (MQTT 3.1.1) or 5, was " + version);
        }
        return version;
    }

    static int qos(CommandSpec spec, int qos) {
        if (qos != 0 && qos != 1) {
            throw bad(spec, "--qos", "must be 0 or 1, was " + qos);
        }
        return qos;
    }

    /** Loads the scenario, naming the file and field on error; {@code broker} (may be null) overrides its broker. */
    static Scenario scenario(CommandSpec spec, Path file, String broker) {
        Scenario scenario;
        try {
            scenario = Scenario.load(file);
        } catch (ScenarioException e) {
            throw bad(spec, "--scenario " + file, e.getMessage());
        }
        try {
            return broker == null ? scenario : scenario.withBroker(broker);
        } catch (ScenarioException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }

    /** A broker URL given on its own (no scenario). */
    static String broker(CommandSpec spec, String url) {
        try {
            return new Scenario(url, java.util.List.of()).withBroker(url).broker();
        } catch (ScenarioException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }
}
