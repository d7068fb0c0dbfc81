package io.hazardwatch.simulator.cli;

import io.hazardwatch.simulator.load.LoadGenerator;
import io.hazardwatch.simulator.load.LoadResult;
import io.hazardwatch.simulator.load.LoadSettings;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.ScenarioScaler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code load}: a steady rate of valid readings over many connections; reports rate and PUBACK latency. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Offer a target rate of readings over many MQTT connections and measure PUBACK latency.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ran (see the table)", "1:no connection could be opened", "2:bad option or scenario file"})
final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "READINGS/S", description = "Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--connections", defaultValue = "10", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--duration", defaultValue = "30", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
    long durationSeconds;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N",
            description = "Readings per MQTT message (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    QosOption qosOption;

    @Mixin
    MqttVersionOption versionOption;

    @Option(names = "--max-inflight", defaultValue = "200", paramLabel = "N",
            description = "Unacknowledged messages per connection (default: ${DEFAULT-VALUE}).")
    int maxInflight;

    @Option(names = "--connect-concurrency", paramLabel = "N",
            description = "CONNECTs in flight at once (default: 8; with --fleet " + FleetLoadOptions.FLEET_CONNECT_CONCURRENCY + ").")
    Integer connectConcurrency;

    @Option(names = "--publishers", defaultValue = "2", paramLabel = "THREADS",
            description = "Pacing threads (with --fleet: the Netty event loops). Default: ${DEFAULT-VALUE}.")
    int publishers;

    @Option(names = "--client", paramLabel = "paho|pipelined",
            description = "MQTT client of the load: paho (Eclipse Paho, a thread set per connection) or pipelined "
                    + "(Netty, shared event loops, one write per batch of queued PUBLISHes: far cheaper per message, "
                    + "plain tcp:// only). Default: paho; with --fleet pipelined (Paho does not scale past a few "
                    + "hundred devices).")
    String client;

    @Option(names = "--devices", defaultValue = "1", paramLabel = "N",
            description = "Publishes for N copies of each scenario device (ids id-2 … id-N; the registry must know "
                    + "them: see `fleet`), so that the rate is spread over many sensors as in a park. Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Mixin
    FleetLoadOptions fleetOptions;

    @Override
    public Integer call() throws InterruptedException {
        if (fleetOptions.fleet) {
            return fleet();
        }
        int connectConcurrency = this.connectConcurrency == null ? 8 : this.connectConcurrency;
        Checks.positive(spec, "--rate", rate);
        Checks.positive(spec, "--connections", connections);
        Checks.positive(spec, "--duration", durationSeconds);
        Checks.positive(spec, "--batch", batch);
        Checks.positive(spec, "--max-inflight", maxInflight);
        Checks.positive(spec, "--connect-concurrency", connectConcurrency);
        Checks.positive(spec, "--publishers", publishers);
        int qos = qosOption.checked();
        int mqttVersion = versionOption.checked();
        if (batch > 500) {
            throw Checks.bad(spec, "--batch", "must be <= 500 (the gateway's ingest.max-batch-size), was " + batch);
        }
        LoadSettings.Client loadClient = client(LoadSettings.Client.PAHO);
        Checks.positive(spec, "--devices", devices);
        Scenario scenario = checkBroker(ScenarioScaler.scale(scenarioOptions.load(), 1, devices, 1), loadClient);
        LoadSettings settings = new LoadSettings(rate, connections, Duration.ofSeconds(durationSeconds), batch, qos,
                mqttVersion, maxInflight, connectConcurrency, publishers, loadClient);
        PrintWriter out = spec.commandLine().getOut();
        LoadResult result = new LoadGenerator(scenario, settings, seed, out).run();
        out.println();
        out.print(result.table());
        out.println(result.resultLine());
        out.flush();
        return result.connected() == 0 ? 1 : 0;
    }

    private int fleet() throws InterruptedException {
        Checks.positive(spec, "--duration", durationSeconds);
        Checks.positive(spec, "--publishers", publishers);
        if (connectConcurrency != null) {
            Checks.positive(spec, "--connect-concurrency", connectConcurrency);
        }
        int qos = qosOption.checked();
        int mqttVersion = versionOption.checked();
        LoadSettings.Client loadClient = client(LoadSettings.Client.PIPELINED);
        Scenario scenario = checkBroker(scenarioOptions.load(), loadClient);
        return fleetOptions.run(scenario, Duration.ofSeconds(durationSeconds), qos, mqttVersion, connectConcurrency,
                publishers, loadClient, seed);
    }

    private Scenario checkBroker(Scenario scenario, LoadSettings.Client loadClient) {
        if (loadClient == LoadSettings.Client.PIPELINED && !scenario.broker().startsWith("tcp://")) {
            throw Checks.bad(spec, "--client", "pipelined speaks plain tcp:// only, the broker is " + scenario.broker());
        }
        return scenario;
    }

    private LoadSettings.Client client(LoadSettings.Client byDefault) {
        return switch (client == null ? "" : client) {
            case "" -> byDefault;
            case "paho" -> LoadSettings.Client.PAHO;
            case "pipelined" -> LoadSettings.Client.PIPELINED;
            default -> throw Checks.bad(spec, "--client", "must be paho or pipelined, was '" + client + "'");
        };
    }
}
