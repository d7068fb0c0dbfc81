package io.hazardwatch.simulator.cli;

import io.hazardwatch.simulator.run.PublishCounts;
import io.hazardwatch.simulator.run.Simulation;
import io.hazardwatch.simulator.run.TickPublisher;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.ScenarioScaler;
import io.hazardwatch.simulator.scenario.SignalGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code simulate} (alias {@code run}): publishes a scenario's readings every interval until the duration is over
 * or Ctrl-C, optionally multiplying the scenario's enterprises, devices and sensors.
 */
@Command(name = "simulate", aliases = "run", mixinStandardHelpOptions = true,
        description = "Publish the scenario's sensor readings over MQTT.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ran to the end", "1:nothing could be published", "2:bad option or scenario file"})
final class SimulateCommand implements Callable<Integer> {

    static final Duration SUMMARY_EVERY = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Option(names = "--seed", defaultValue = "42", description = "Noise seed; the same seed replays the same "
            + "values (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interval-ms", defaultValue = "1000", paramLabel = "MS",
            description = "Time between ticks (default: ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
            description = "How long to run; 0 runs until stopped (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Mixin
    MqttVersionOption versionOption;

    @Mixin
    QosOption qosOption;

    @Option(names = "--enterprises", defaultValue = "1", paramLabel = "N",
            description = "Copies of each enterprise (copy n > 1 is id-n, same login; default: ${DEFAULT-VALUE}).")
    int enterprises;

    @Option(names = "--devices", defaultValue = "1", paramLabel = "M",
            description = "Copies of each device per enterprise (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--sensors-per-type", defaultValue = "1", paramLabel = "K",
            description = "Copies of each sensor per device (default: ${DEFAULT-VALUE}).")
    int sensorsPerType;

    private final PublisherFactory publishers;

    SimulateCommand(PublisherFactory publishers) {
        this.publishers = publishers;
    }

    @Override
    public Integer call() throws InterruptedException {
        Scenario scenario = scenario();
        Simulation.Settings settings = settings();
        try (TickPublisher publisher = publishers.create(scenario, versionOption.version, qosOption.qos)) {
            publisher.start();
            Simulation simulation = new Simulation(new SignalGenerator(scenario, seed), publisher, settings,
                    spec.commandLine().getOut(), Clock.systemUTC());
            PublishCounts counts = runUntilDoneOrStopped(simulation, publisher);
            return counts.batches() == 0 && counts.failed() > 0 ? 1 : 0;
        }
    }

    private Scenario scenario() {
        versionOption.checked();
        qosOption.checked();
        Checks.positive(spec, "--enterprises", enterprises);
        Checks.positive(spec, "--devices", devices);
        Checks.positive(spec, "--sensors-per-type", sensorsPerType);
        return ScenarioScaler.scale(scenarioOptions.load(), enterprises, devices, sensorsPerType);
    }

    private Simulation.Settings settings() {
        if (intervalMs <= 0) {
            throw new ParameterException(spec.commandLine(), "--interval-ms: must be > 0, was " + intervalMs);
        }
        if (durationSeconds < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--duration: must be >= 0 (0 = until stopped), was " + durationSeconds);
        }
        return new Simulation.Settings(Duration.ofMillis(intervalMs), Duration.ofSeconds(durationSeconds),
                SUMMARY_EVERY);
    }

    /**
     * Ctrl-C ends the loop after the tick in progress, so the final summary is printed and the connections
     * are closed before the JVM exits.
     */
    private static PublishCounts runUntilDoneOrStopped(Simulation simulation, TickPublisher publisher)
            throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulation.stop();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return simulation.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                publisher.close();
            }
            finished.countDown();
        }
    }
}
