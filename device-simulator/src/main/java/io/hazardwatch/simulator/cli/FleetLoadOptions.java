package io.hazardwatch.simulator.cli;

import io.hazardwatch.simulator.load.FleetDevice;
import io.hazardwatch.simulator.load.FleetGenerator;
import io.hazardwatch.simulator.load.FleetResult;
import io.hazardwatch.simulator.load.FleetSecrets;
import io.hazardwatch.simulator.load.FleetSettings;
import io.hazardwatch.simulator.load.LoadSettings;
import io.hazardwatch.simulator.scenario.Scenario;
import io.hazardwatch.simulator.scenario.SignalGenerator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options of {@code load --fleet} ({@code @Mixin} of {@link LoadCommand}) and the fleet run they make. */
final class FleetLoadOptions {

    /** Connect concurrency of a fleet unless given: all devices connect at once, as after a blip. */
    static final int FLEET_CONNECT_CONCURRENCY = 512;

    private static final Pattern SHARD = Pattern.compile("(\\d+)/(\\d+)");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--fleet",
            description = "Behave like a park's devices: one connection per device of --secrets, each logging in with "
                    + "its own secret (client id = username, or fleet-<line> when longer than 23 characters), exactly "
                    + "one reading in flight, --device-rate each; all connect at the start (the connect phase is in "
                    + "the figures); a lost device reconnects after a random wait up to --reconnect-jitter. "
                    + "--rate, --connections, --batch, --max-inflight and --devices do not apply. Client: pipelined "
                    + "(Netty, limited to 1 in flight) unless --client paho, whose threads per connection do not scale "
                    + "past a few hundred devices.")
    boolean fleet;

    @Option(names = "--secrets", paramLabel = "FILE",
            description = "With --fleet: the devices and their secrets, as `fleet --device-logins --secrets-out` "
                    + "writes them (username<TAB>secret<TAB>enterprise<TAB>device).")
    Path secrets;

    @Option(names = "--shard", defaultValue = "0/1", paramLabel = "I/N",
            description = "With --fleet: take every N-th device of --secrets from line I (0-based), so that several "
                    + "processes share a fleet (one process holds at most ~19 000 sockets here). Default: ${DEFAULT-VALUE}.")
    String shard;

    @Option(names = "--device-rate", defaultValue = "1", paramLabel = "READINGS/S",
            description = "With --fleet: readings per second per device; the next is sent when due AND the previous "
                    + "one is PUBACKed (one due earlier is sent late and counted late). 0 = closed loop: the next as "
                    + "soon as the PUBACK came. Default: ${DEFAULT-VALUE}.")
    double deviceRate;

    @Option(names = "--reconnect-jitter", defaultValue = "2", paramLabel = "SECONDS",
            description = "With --fleet: a lost or refused device tries again after a random wait of 0 to this, until "
                    + "connected. Default: ${DEFAULT-VALUE}.")
    double reconnectJitter;

    @Option(names = "--settle", defaultValue = "0", paramLabel = "SECONDS",
            description = "With --fleet: leave the first SECONDS of the run out of its rate and PUBACK figures (the "
                    + "connect figures keep them): for a steady state after the connect phase and the JIT, as an "
                    + "end-to-end run measures it. 0 = everything counts, connects included. Default: ${DEFAULT-VALUE}.")
    long settleSeconds;

    /** Runs the fleet; exit 1 when no device could connect. */
    int run(Scenario scenario, Duration duration, int qos, int mqttVersion, Integer connectConcurrency, int eventLoops,
            LoadSettings.Client client, long seed) throws InterruptedException {
        if (secrets == null) {
            throw Checks.bad(spec, "--secrets", "required with --fleet");
        }
        if (deviceRate < 0) {
            throw Checks.bad(spec, "--device-rate", "must be >= 0, was " + deviceRate);
        }
        if (settleSeconds < 0 || settleSeconds >= duration.toSeconds()) {
            throw Checks.bad(spec, "--settle", "must be >= 0 and below --duration (" + duration.toSeconds()
                    + " s), was " + settleSeconds);
        }
        if (reconnectJitter < 0) {
            throw Checks.bad(spec, "--reconnect-jitter", "must be >= 0, was " + reconnectJitter);
        }
        Matcher m = SHARD.matcher(shard);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(1)) >= Integer.parseInt(m.group(2))) {
            throw Checks.bad(spec, "--shard", "must be I/N with 0 <= I < N, was '" + shard + "'");
        }
        List<FleetDevice> devices;
        try {
            devices = FleetGenerator.devices(scenario, FleetSecrets.read(secrets), Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), mqttVersion);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw Checks.bad(spec, "--secrets", e.getMessage());
        }
        if (devices.isEmpty()) {
            throw Checks.bad(spec, "--secrets", secrets + " holds no device for shard " + shard);
        }
        int concurrency = connectConcurrency == null ? FLEET_CONNECT_CONCURRENCY : connectConcurrency;
        FleetSettings settings = new FleetSettings(deviceRate, duration, Duration.ofSeconds(settleSeconds), qos, mqttVersion, concurrency,
                Duration.ofMillis((long) (reconnectJitter * 1000)), FleetSettings.STORM_DEVICES, eventLoops, client);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("fleet: %d devices (shard %s of %s), %s readings/s each, connect concurrency %d%s%n", devices.size(),
                shard, secrets, deviceRate == 0 ? "closed loop" : String.valueOf(deviceRate), concurrency,
                settleSeconds == 0 ? "" : ", figures from t+" + settleSeconds + "s on");
        out.flush();
        FleetResult result = new FleetGenerator(devices, settings, new SignalGenerator(scenario, seed), out).run();
        out.println();
        out.print(result.table());
        out.println(result.resultLine());
        out.flush();
        return result.connected() == 0 ? 1 : 0;
    }
}
