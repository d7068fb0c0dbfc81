package io.hazardwatch.simulator.cli;

import io.hazardwatch.model.Topics;
import io.hazardwatch.simulator.mqtt.LinkOptions;
import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.replay.KafkaRecorder;
import io.hazardwatch.simulator.replay.RecordedMessage;
import io.hazardwatch.simulator.replay.RecordingFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code record}: captures a live MQTT stream, or the Kafka readings topic, to JSON Lines. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Capture live readings (MQTT, or the Kafka readings topic) to a JSON Lines file.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:recorded", "1:could not connect", "2:bad option"})
final class RecordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final class Source {
        @Option(names = "--broker", paramLabel = "URL", description = "Subscribe to this MQTT broker.")
        String broker;

        @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Read the Kafka readings topic instead.")
        String kafka;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = "--topic", paramLabel = "FILTER",
            description = "MQTT topic filter (default hazardwatch/v1/#) or Kafka topic (default " + Topics.READINGS + ").")
    String topic;

    @Mixin
    MqttLoginOptions login;

    @Mixin
    MqttVersionOption versionOption;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "JSON Lines file to write.")
    Path out;

    @Option(names = "--duration", required = true, paramLabel = "SECONDS", description = "How long to record.")
    long durationSeconds;

    @Option(names = "--max-messages", defaultValue = "10000000", paramLabel = "N",
            description = "Stop after N messages (default: ${DEFAULT-VALUE}).")
    long maxMessages;

    @Override
    public Integer call() throws Exception {
        Checks.positive(spec, "--duration", durationSeconds);
        Checks.positive(spec, "--max-messages", maxMessages);
        int mqttVersion = versionOption.checked();
        if (source.broker != null) {
            Checks.broker(spec, source.broker);
        }
        login.checkPaired();
        PrintWriter console = spec.commandLine().getOut();
        CountDownLatch full = new CountDownLatch(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        try (RecordingFile.Writer writer = new RecordingFile.Writer(out)) {
            java.util.function.Consumer<RecordedMessage> sink = m -> {
                if (writer.count() < maxMessages) {
                    writer.write(m);
                }
                if (writer.count() >= maxMessages) {
                    full.countDown();
                }
            };
            if (source.kafka != null) {
                KafkaRecorder.record(source.kafka, topic == null ? Topics.READINGS : topic, sink,
                        () -> full.getCount() == 0 || System.nanoTime() >= deadline);
            } else {
                LinkOptions options = LinkOptions.of(source.broker, mqttVersion, LinkOptions.clientId("rec"), login.username, login.password);
                try (MqttLink link = options.open()) {
                    try {
                        link.connect().get(15, TimeUnit.SECONDS);
                        link.subscribe(topic == null ? Topics.MQTT_PREFIX + "#" : topic, 1,
                                (t, payload) -> sink.accept(new RecordedMessage(Instant.now(), t, payload))).get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        spec.commandLine().getErr().println("record: cannot subscribe at " + source.broker + ": "
                                + (e.getCause() != null ? e.getCause().getMessage() : e));
                        return 1;
                    }
                    console.println("recording " + (topic == null ? Topics.MQTT_PREFIX + "#" : topic) + " from "
                            + source.broker + " to " + out + " for " + durationSeconds + " s");
                    console.flush();
                    full.await(durationSeconds, TimeUnit.SECONDS);
                }
            }
            console.println("recorded " + writer.count() + " messages to " + out);
            console.flush();
        } catch (IOException e) {
            throw Checks.bad(spec, "--out", "cannot write " + out + ": " + e.getMessage());
        }
        return 0;
    }
}
