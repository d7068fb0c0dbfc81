package io.hazardwatch.simulator.cli;

import io.hazardwatch.model.SensorKey;
import io.hazardwatch.simulator.latency.AlarmStreamClient;
import io.hazardwatch.simulator.latency.LatencyProbe;
import io.hazardwatch.simulator.mqtt.LinkOptions;
import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.report.LatencyHistogram;
import io.hazardwatch.simulator.report.Table;
import io.hazardwatch.simulator.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latency}: publish → alarm-on-board latency, watched on the alert service's live stream. */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Publish readings that cross a threshold and time their alarm on the live board.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every probe raised its alarm", "1:some probes were lost or nothing connected",
                "2:bad option or scenario file"})
final class LatencyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "For the login and unit.")
    Path scenarioFile;

    @Option(names = "--broker", paramLabel = "URL", description = "Overrides the scenario's broker URL.")
    String broker;

    @Option(names = "--alert-url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "Alert service, with its login as user info, e.g. http://duty:duty-local@127.0.0.1:8080 (default: ${DEFAULT-VALUE}).")
    String alertUrl;

    @Option(names = "--sensor", required = true, paramLabel = "ENTERPRISE/DEVICE/SENSOR",
            description = "A scenario sensor that nothing else publishes for during the run.")
    String sensor;

    @Option(names = "--high", required = true, description = "A value that raises an alarm.")
    double high;

    @Option(names = "--low", required = true, description = "A value that clears it.")
    double low;

    @Option(names = "--count", defaultValue = "50", description = "Probes (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--every-ms", defaultValue = "200", description = "Pause between probes (default: ${DEFAULT-VALUE}).")
    long everyMs;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Wait per alarm before counting it lost (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--mqtt-version", defaultValue = "3", paramLabel = "3|5")
    int mqttVersion;

    @Override
    public Integer call() throws InterruptedException {
        Checks.positive(spec, "--count", count);
        Checks.positive(spec, "--timeout", timeoutSeconds);
        Checks.mqttVersion(spec, mqttVersion);
        if (everyMs < 0) {
            throw Checks.bad(spec, "--every-ms", "must be >= 0, was " + everyMs);
        }
        String[] parts = sensor.split("/");
        if (parts.length != 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw Checks.bad(spec, "--sensor", "'" + sensor + "' is not ENTERPRISE/DEVICE/SENSOR");
        }
        SensorKey key = new SensorKey(parts[0], parts[1], parts[2]);
        Scenario scenario = Checks.scenario(spec, scenarioFile, broker);
        Scenario.KeyedSensor target = scenario.sensors().stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> Checks.bad(spec, "--sensor", "'" + sensor + "' is not in " + scenarioFile));
        Scenario.Enterprise enterprise = scenario.enterprises().stream().filter(e -> e.id().equals(key.enterprise()))
                .findFirst().orElseThrow();
        PrintWriter out = spec.commandLine().getOut();
        LatencyProbe.Settings settings = new LatencyProbe.Settings(key, target.sensor().unit(), high, low, count,
                Duration.ofMillis(everyMs), Duration.ofSeconds(timeoutSeconds));
        try (MqttLink link = LinkOptions.of(scenario.broker(), mqttVersion, LinkOptions.clientId("lat"),
                enterprise.username(), enterprise.password()).open();
             AlarmStreamClient board = new AlarmStreamClient(alertUrl)) {
            LatencyProbe probe = new LatencyProbe(link, settings, out);
            try {
                link.connect().get(15, TimeUnit.SECONDS);
                board.open(probe::onAlarm, Duration.ofSeconds(15));
            } catch (Exception e) {
                spec.commandLine().getErr().println("latency: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
                return 1;
            }
            LatencyProbe.Result r = probe.run();
            LatencyHistogram h = r.latency();
            out.print(new Table("probes", "alarms seen", "lost", "publish→alarm p50 ms", "p95 ms", "p99 ms", "max ms")
                    .row(r.probes(), r.seen(), r.lost(), LatencyHistogram.ms(h.percentileMicros(50)),
                            LatencyHistogram.ms(h.percentileMicros(95)), LatencyHistogram.ms(h.percentileMicros(99)),
                            LatencyHistogram.ms(h.maxMicros())));
            out.println(String.format(Locale.ROOT, "RESULT probes=%d seen=%d lost=%d p50_ms=%s p95_ms=%s p99_ms=%s max_ms=%s",
                    r.probes(), r.seen(), r.lost(), LatencyHistogram.ms(h.percentileMicros(50)),
                    LatencyHistogram.ms(h.percentileMicros(95)), LatencyHistogram.ms(h.percentileMicros(99)),
                    LatencyHistogram.ms(h.maxMicros())));
            out.flush();
            return r.lost() == 0 ? 0 : 1;
        }
    }
}
