package io.hazardwatch.simulator.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --mqtt-version 3|5} with its check, for the commands that take it alike ({@code @Mixin}).
 * {@code simulate} declares its own: its help describes the option.
 */
final class MqttVersionOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--mqtt-version", defaultValue = "3", paramLabel = "3|5")
    int version;

    /** 3 or 5; anything else stops the command with an error naming {@code --mqtt-version}. */
    int checked() {
        return Checks.mqttVersion(spec, version);
    }
}
