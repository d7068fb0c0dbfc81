package io.hazardwatch.simulator.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --mqtt-version 3|5} with its check, for the commands that speak MQTT ({@code @Mixin}).
 */
final class MqttVersionOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--mqtt-version", defaultValue = "3", paramLabel = "3|5",
            description = "MQTT 3.1.1 or 5 (default: ${DEFAULT-VALUE}).")
    int version;

    /** 3 or 5; anything else stops the command with an error naming {@code --mqtt-version}. */
    int checked() {
        return Checks.mqttVersion(spec, version);
    }
}
