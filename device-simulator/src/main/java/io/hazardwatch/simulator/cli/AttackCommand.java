package io.hazardwatch.simulator.cli;

import io.hazardwatch.simulator.attack.AttackLimits;
import io.hazardwatch.simulator.attack.AttackReport;
import io.hazardwatch.simulator.attack.AttackRun;
import io.hazardwatch.simulator.attack.AttackTarget;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attack}: the black-box attack suite against a running gateway and alert service; prints a table per phase. */
@Command(name = "attack", mixinStandardHelpOptions = true,
        description = "Hostile clients against a running stack (fuzzed MQTT and HTTP, password guessing, idle and "
                + "slow sockets, cross-tenant and cross-site attempts) while legitimate clients publish; every phase "
                + "bounded by count and time.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:held: no crash, no cross-tenant write, no 5xx", "1:a service crashed, accepted a "
                + "cross-tenant attempt or answered 5xx (see the table)", "2:bad option"})
final class AttackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Where both services listen. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "The address the attacker's sockets come from, "
            + "not the legitimate clients' (on one machine e.g. 127.0.0.2). Default: the system's choice.")
    String from;

    @Option(names = "--guess-from", paramLabel = "ADDRESS", description = "The address the password guessers come "
            + "from, where no login ever logged in (e.g. 127.0.0.3). Default: --from.")
    String guessFrom;

    @Option(names = "--mqtt-port", defaultValue = "1883", paramLabel = "PORT", description = "Gateway MQTT. Default: ${DEFAULT-VALUE}.")
    int mqttPort;

    @Option(names = "--gateway-http-port", defaultValue = "8081", paramLabel = "PORT", description = "Gateway HTTP. Default: ${DEFAULT-VALUE}.")
    int gatewayHttpPort;

    @Option(names = "--alerts-port", defaultValue = "8080", paramLabel = "PORT", description = "Alert service HTTP. Default: ${DEFAULT-VALUE}.")
    int alertsPort;

    @Option(names = "--gateway-login", required = true, paramLabel = "USER:PASSWORD", description = "A gateway login that may write --own.")
    String gatewayLogin;

    @Option(names = "--own", required = true, paramLabel = "ENTERPRISE/DEVICE/SENSOR", description = "A sensor the gateway login may write.")
    String own;

    @Option(names = "--victim", required = true, paramLabel = "ENTERPRISE/DEVICE/SENSOR", description = "A sensor of another enterprise.")
    String victim;

    @Option(names = "--victim-login", paramLabel = "USER:PASSWORD",
            description = "A login of the victim's enterprise: the client-id takeover is tried only with it.")
    String victimLogin;

    @Option(names = "--board-login", required = true, paramLabel = "USER:PASSWORD", description = "A login of the alert service.")
    String boardLogin;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Read the readings topic for forged writes (else not checked).")
    String kafka;

    @Option(names = "--readings-topic", defaultValue = "hazardwatch.readings", paramLabel = "TOPIC", description = "Default: ${DEFAULT-VALUE}.")
    String readingsTopic;

    @Option(names = "--gateway-pid", defaultValue = "0", paramLabel = "PID", description = "Descriptors and RSS from /proc.")
    long gatewayPid;

    @Option(names = "--alerts-pid", defaultValue = "0", paramLabel = "PID", description = "Descriptors and RSS from /proc.")
    long alertsPid;

    @Option(names = "--inputs", defaultValue = "1000", paramLabel = "N", description = "Inputs per fuzzing phase. Default: ${DEFAULT-VALUE}.")
    int inputs;

    @Option(names = "--phase-seconds", defaultValue = "60", paramLabel = "S", description = "Longest a phase runs. Default: ${DEFAULT-VALUE}.")
    long phaseSeconds;

    @Option(names = "--concurrency", defaultValue = "8", paramLabel = "THREADS", description = "Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--guesses", defaultValue = "200", paramLabel = "N", description = "Wrong passwords per protocol. Default: ${DEFAULT-VALUE}.")
    int guesses;

    @Option(names = "--idle-sockets", defaultValue = "50", paramLabel = "N",
            description = "Never-logged-in MQTT sockets and as many slow-loris HTTP requests. Default: ${DEFAULT-VALUE}.")
    int idleSockets;

    @Option(names = "--idle-seconds", defaultValue = "15", paramLabel = "S", description = "How long they are held. Default: ${DEFAULT-VALUE}.")
    long idleSeconds;

    @Option(names = "--legit-clients", defaultValue = "20", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int legitClients;

    @Option(names = "--quiet-seconds", defaultValue = "10", paramLabel = "S",
            description = "Legitimate load alone before the attack. Default: ${DEFAULT-VALUE}.")
    long quietSeconds;

    @Option(names = "--answer-timeout-ms", defaultValue = "2000", paramLabel = "MS", description = "Default: ${DEFAULT-VALUE}.")
    int answerTimeoutMs;

    @Option(names = "--seed", defaultValue = "16")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        Checks.positive(spec, "--inputs", inputs);
        Checks.positive(spec, "--phase-seconds", phaseSeconds);
        Checks.positive(spec, "--concurrency", concurrency);
        Checks.positive(spec, "--answer-timeout-ms", answerTimeoutMs);
        AttackTarget target = new AttackTarget(host, mqttPort, gatewayHttpPort, alertsPort, login("--gateway-login", gatewayLogin),
                sensor("--own", own), sensor("--victim", victim), victimLogin == null ? null : login("--victim-login", victimLogin),
                login("--board-login", boardLogin), kafka, readingsTopic, gatewayPid, alertsPid, from, guessFrom);
        AttackLimits limits = new AttackLimits(inputs, Duration.ofSeconds(phaseSeconds), concurrency, Math.max(0, guesses),
                Math.max(0, idleSockets), Duration.ofSeconds(Math.max(0, idleSeconds)), Math.max(0, legitClients),
                Duration.ofSeconds(Math.max(0, quietSeconds)), Duration.ofMillis(answerTimeoutMs), seed);
        PrintWriter out = spec.commandLine().getOut();
        AttackReport report = new AttackRun(target, limits, out).run();
        out.println();
        out.print(report.table());
        out.println(report.summary());
        out.println(report.resultLine());
        out.flush();
        return report.crashes() == 0 && report.crossTenant() == 0 && report.serverErrors() == 0 ? 0 : 1;
    }

    private AttackTarget.Login login(String option, String value) {
        try {
            return AttackTarget.Login.parse(value);
        } catch (IllegalArgumentException e) {
            throw Checks.bad(spec, option, e.getMessage());
        }
    }

    private AttackTarget.Sensor sensor(String option, String value) {
        try {
            return AttackTarget.Sensor.parse(value);
        } catch (IllegalArgumentException e) {
            throw Checks.bad(spec, option, e.getMessage());
        }
    }
}
