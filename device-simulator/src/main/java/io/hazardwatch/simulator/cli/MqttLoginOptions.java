package io.hazardwatch.simulator.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --username} and {@code --password}: one MQTT login given on the command line ({@code @Mixin}). */
final class MqttLoginOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--username", paramLabel = "USER", description = "MQTT login (a registry login that may publish the topics).")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Its password.")
    String password;

    /** Both or neither: one alone stops the command with an error naming the other. */
    void checkPaired() {
        if ((username == null) != (password == null)) {
            throw Checks.bad(spec, username == null ? "--username" : "--password", "required with "
                    + (username == null ? "--password" : "--username"));
        }
    }
}
