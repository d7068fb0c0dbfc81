package io.hazardwatch.simulator.cli;

import io.hazardwatch.simulator.mqtt.LinkOptions;
import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.replay.RecordedMessage;
import io.hazardwatch.simulator.replay.RecordingFile;
import io.hazardwatch.simulator.replay.Replayer;
import io.hazardwatch.simulator.report.Table;
import io.hazardwatch.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: publishes a recording (JSON Lines from {@code record}) or a CSV at ×N speed or as fast as
 * possible. With {@code --scenario} each enterprise's messages go over its own login (as our gateway requires);
 * with {@code --username}/{@code --password}, or neither, over one connection.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Publish a recording or CSV keeping its order and relative timing.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:all published", "1:some could not be published", "2:bad option or file"})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "Recording (.jsonl) or .csv.")
    Path file;

    @Option(names = "--broker", required = true, paramLabel = "URL")
    String broker;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Logins per enterprise from this scenario.")
    Path scenarioFile;

    @Mixin
    MqttLoginOptions login;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N", description = "×N speed (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--as-fast-as-possible", description = "Ignore the timing, keep the order.")
    boolean asFastAsPossible;

    @Option(names = "--shift-to-now", description = "Move reading timestamps so that the first is now.")
    boolean shiftToNow;

    @Mixin
    MqttVersionOption versionOption;

    @Mixin
    QosOption qosOption;

    @Option(names = "--max-inflight", defaultValue = "100", paramLabel = "N")
    int maxInflight;

    @Override
    public Integer call() throws Exception {
        Checks.broker(spec, broker);
        int mqttVersion = versionOption.checked();
        int qos = qosOption.checked();
        Checks.positive(spec, "--max-inflight", maxInflight);
        if (!asFastAsPossible) {
            Checks.positive(spec, "--speed", speed);
        }
        if (scenarioFile != null && login.username != null) {
            throw Checks.bad(spec, "--username", "give either --scenario or --username/--password, not both");
        }
        List<RecordedMessage> messages;
        try {
            messages = RecordingFile.read(file);
        } catch (RecordingFile.RecordingException e) {
            throw Checks.bad(spec, "--file", e.getMessage());
        }
        if (scenarioFile != null) {
            Checks.scenario(spec, scenarioFile, broker).enterprises().forEach(e -> logins.put(e.id(), e));
        }
        Map<String, MqttLink> links = new HashMap<>();
        try {
            Replayer.Sink sink = (topic, payload) -> {
                MqttLink link;
                try {
                    link = links.computeIfAbsent(logins.isEmpty() ? "" : enterpriseOf(topic),
                            enterprise -> connect(enterprise, mqttVersion));
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
                return link.publish(topic, payload, qos);
            };
            Replayer.Result result = new Replayer(sink, new Replayer.Settings(asFastAsPossible ? 0 : speed, shiftToNow,
                    maxInflight), spec.commandLine().getOut()).replay(messages);
            spec.commandLine().getOut().print(new Table("messages", "published", "failed", "speed", "took s")
                    .row(messages.size(), result.published(), result.failed(), asFastAsPossible ? "max" : "×" + speed,
                            String.format(Locale.ROOT, "%.2f", result.took().toMillis() / 1000.0)));
            spec.commandLine().getOut().flush();
            return result.failed() == 0 ? 0 : 1;
        } finally {
            links.values().forEach(MqttLink::close);
        }
    }

    private MqttLink connect(String enterprise, int mqttVersion) {
        String user = login.username;
        String pass = login.password;
        if (!enterprise.isEmpty()) {
            Scenario.Enterprise e = logins.get(enterprise);
            if (e == null) {
                throw new IllegalStateException("no login for enterprise '" + enterprise + "' in --scenario");
            }
            user = e.username();
            pass = e.password();
        }
        MqttLink link = LinkOptions.of(broker, mqttVersion, LinkOptions.clientId("rp-" + enterprise), user, pass)
                .withInflight(maxInflight).open();
        try {
            link.connect().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + broker + ": " + e, e);
        }
        return link;
    }

    private final Map<String, Scenario.Enterprise> logins = new HashMap<>();

    /** hazardwatch/v1/{enterprise}/{device}/readings → enterprise. */
    static String enterpriseOf(String topic) {
        String[] levels = topic.split("/");
        return levels.length > 2 ? levels[2] : "";
    }
}
