package io.hazardwatch.simulator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code device-simulator <command>}: the simulator's command line. Bad input exits with 2 and one line. */
@Command(name = "device-simulator", mixinStandardHelpOptions = true, version = "device-simulator 0.1",
        description = "Simulated HazardWatch sensors: simulate, record, replay, load and latency over MQTT; refused messages sent again.")
public final class SimulatorCli implements Runnable {

    public static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    /**
     * The command line with its subcommands.
     *
     * @param publishers how {@code simulate} reaches the broker for a scenario (Paho in production)
     */
    public static CommandLine commandLine(PublisherFactory publishers) {
        CommandLine cli = new CommandLine(new SimulatorCli())
                .addSubcommand(new SimulateCommand(publishers))
                .addSubcommand(new RecordCommand())
                .addSubcommand(new ReplayCommand())
                .addSubcommand(new LoadCommand())
                .addSubcommand(new LatencyCommand())
                .addSubcommand(new ConnectionsCommand())
                .addSubcommand(new FleetCommand())
                .addSubcommand(new DeadLetterCommand())
                .addSubcommand(new AttackCommand());
        cli.setParameterExceptionHandler(SimulatorCli::oneLineError);
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: simulate, record, replay, load, latency, connections, fleet, deadletter or attack (see --help)");
    }

    /** Input errors are one line naming the option or field: the usage text would bury it. */
    private static int oneLineError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + e.getMessage());
        err.flush();
        return EXIT_BAD_INPUT;
    }
}
