package io.hazardwatch.simulator;

import io.hazardwatch.simulator.cli.SimulatorCli;
import io.hazardwatch.simulator.mqtt.MqttSettings;
import io.hazardwatch.simulator.mqtt.ReadingPublisher;

/** Composition root: the command line, publishing through Paho. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int exit = SimulatorCli.commandLine((scenario, version, qos) ->
                        new ReadingPublisher(scenario, MqttSettings.defaults().with(version, qos)))
                .execute(args);
        System.exit(exit);
    }
}
