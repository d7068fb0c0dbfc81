package io.hazardwatch.simulator.cli;

import io.hazardwatch.model.Topics;
import io.hazardwatch.simulator.mqtt.LinkOptions;
import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.replay.DeadLetters;
import io.hazardwatch.simulator.replay.DeadLetters.Refused;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deadletter}: lists the messages the gateway refused, and sends them again once the cause is fixed. Each is
 * published on the MQTT topic it first came on, with a login that may publish there, one at a time at QoS 1; the
 * gateway judges it anew (MQTT 5 shows its reason when refused again).
 */
@Command(name = "deadletter", mixinStandardHelpOptions = true,
        description = "List the gateway's refused messages (Kafka dead-letter topic) and, with --replay, send them again.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:listed, or every message replayed was accepted", "1:some were refused again or could not be sent",
                "2:bad option"})
final class DeadLetterCommand implements Callable<Integer> {

    private static final int PAYLOAD_SHOWN = 120;

    @Spec
    CommandSpec spec;

    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(names = "--topic", defaultValue = Topics.DEAD_LETTER, description = "Dead-letter topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--since", defaultValue = "PT24H", paramLabel = "DURATION|TIME",
            description = "From this long ago (ISO-8601 duration, e.g. PT2H) or this time (e.g. 2026-12-06T08:00:00Z). Default: ${DEFAULT-VALUE}.")
    String since;

    @Option(names = "--enterprise", description = "Only this enterprise's messages.")
    String enterprise;

    @Option(names = "--reason", split = ",", description = "Only these reasons, e.g. UNKNOWN_SENSOR,PAYLOAD_INVALID.")
    Set<String> reasons;

    @Option(names = "--replay", description = "Send the listed messages again (needs --broker, --username, --password).")
    boolean replay;

    @Option(names = "--broker", paramLabel = "URL", description = "The gateway, e.g. tcp://127.0.0.1:1883.")
    String broker;

    @Mixin
    MqttLoginOptions login;

    @Mixin
    MqttVersionOption versionOption;

    @Override
    public Integer call() throws Exception {
        Instant from = from(since);
        int version = versionOption.checked();
        if (replay) {
            if (broker == null || login.username == null || login.password == null) {
                throw Checks.bad(spec, broker == null ? "--broker" : login.username == null ? "--username" : "--password",
                        "required with --replay");
            }
            Checks.broker(spec, broker);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Refused> refused = DeadLetters.read(kafka, topic, from, r ->
                (enterprise == null || enterprise.equals(r.enterprise()))
                        && (reasons == null || reasons.contains(r.reason())));
        for (Refused r : refused) {
            out.printf("%s %s %s %s %s %s%n", r.receivedAt(), r.enterprise(), r.reason(), r.mqttTopic(),
                    quoted(r.detail()), shown(r.payload()));
        }
        out.printf("%d refused messages since %s%n", refused.size(), from);
        out.flush();
        return replay ? replay(refused, version, out) : 0;
    }

    private int replay(List<Refused> refused, int version, PrintWriter out) {
        int accepted = 0;
        int failed = 0;
        try (MqttLink link = LinkOptions.of(broker, version, LinkOptions.clientId("deadletter"), login.username, login.password)
                .open()) {
            try {
                link.connect().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                spec.commandLine().getErr().println("deadletter: cannot connect to " + broker + ": "
                        + (e.getCause() != null ? e.getCause().getMessage() : e));
                return 1;
            }
            for (Refused r : refused) {
                if (r.mqttTopic() == null) {
                    out.printf("skipped %s: no MQTT topic kept%n", r.receivedAt());
                    failed++;
                    continue;
                }
                try {
                    link.publish(r.mqttTopic(), r.replayPayload(), 1).get(35, TimeUnit.SECONDS);
                    accepted++;
                    out.printf("accepted %s %s%n", r.receivedAt(), r.mqttTopic());
                } catch (ExecutionException | TimeoutException e) {
                    failed++;
                    out.printf("refused %s %s: %s%n", r.receivedAt(), r.mqttTopic(),
                            e.getCause() != null ? e.getCause().getMessage() : e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        out.printf("RESULT replayed=%d accepted=%d failed=%d%n", refused.size(), accepted, failed);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private Instant from(String text) {
        try {
            return text.startsWith("P") ? Instant.now().minus(Duration.parse(text)) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Checks.bad(spec, "--since", "'" + text + "' is neither a duration (PT2H) nor a time (2026-12-06T08:00:00Z)");
        }
    }

    private static String quoted(String text) {
        return text == null ? "-" : "\"" + text + "\"";
    }

    private static String shown(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).replace('\n', ' ');
        return text.length() <= PAYLOAD_SHOWN ? text : text.substring(0, PAYLOAD_SHOWN) + "…";
    }
}
