package io.hazardwatch.simulator.cli;

import io.hazardwatch.simulator.scenario.Scenario;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --scenario FILE} and {@code --broker URL}, for the commands that publish as a scenario's devices
 * ({@code @Mixin}): simulate, load, latency and connections.
 */
final class ScenarioOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE",
            description = "Scenario file (YAML): broker, logins, devices, sensors and their behaviours.")
    Path file;

    @Option(names = "--broker", paramLabel = "URL", description = "Overrides the scenario's broker URL.")
    String broker;

    /** The scenario with {@code --broker} applied; a bad file or URL stops the command with an error naming it. */
    Scenario load() {
        return Checks.scenario(spec, file, broker);
    }
}
