package io.hazardwatch.simulator.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --qos 0|1} with its check, for the commands that publish ({@code @Mixin}). */
final class QosOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--qos", defaultValue = "1", paramLabel = "0|1", description = "Default: ${DEFAULT-VALUE}.")
    int qos;

    /** 0 or 1; anything else stops the command with an error naming {@code --qos}. */
    int checked() {
        return Checks.qos(spec, qos);
    }
}
