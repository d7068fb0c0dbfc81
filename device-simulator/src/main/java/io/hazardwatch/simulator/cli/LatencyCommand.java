package io.hazardwatch.simulator.cli;

import io.hazardwatch.model.SensorKey;
import io.hazardwatch.simulator.latency.AlarmStreamClient;
import io.hazardwatch.simulator.latency.LatencyProbe;
import io.hazardwatch.simulator.latency.ProbeRotation;
import io.hazardwatch.simulator.mqtt.LinkOptions;
import io.hazardwatch.simulator.mqtt.MqttLink;
import io.hazardwatch.simulator.report.LatencyHistogram;
import io.hazardwatch.simulator.report.Table;
import io.hazardwatch.simulator.scenario.Scenario;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latency}: publish → alarm-on-board latency, watched on the alert service's live stream. */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Publish readings that cross a threshold and time their alarm on the live board.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every probe raised its alarm", "1:some probes were lost or nothing connected",
                "2:bad option or scenario file, or a pace that would trip the flapping guard"})
final class LatencyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenarioOptions;

    @Option(names = "--alert-url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "Alert service, with its login as user info, e.g. http://duty:duty-local@127.0.0.1:8080 (default: ${DEFAULT-VALUE}).")
    String alertUrl;

    @Option(names = "--sensor", required = true, split = ",", paramLabel = "ENTERPRISE/DEVICE/SENSOR",
            description = "A scenario sensor that nothing else publishes for during the run. Several (repeat the"
                    + " option, or separate them with commas) are probed in turn, so that each is probed less often.")
    List<String> sensors;

    @Option(names = "--high", required = true, description = "A value that raises an alarm.")
    double high;

    @Option(names = "--low", required = true, description = "A value that clears it.")
    double low;

    @Option(names = "--count", defaultValue = "50", description = "Probes (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
            description = "Stop probing after this long, even before --count probes (default: ${DEFAULT-VALUE} = no limit)."
                    + " A benchmark sets it to the load's length, so that every probe is timed under load.")
    long durationSeconds;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
            description = "Probes made first and left out of the figures (printed as 'warm-up' lines): the first"
                    + " alarms a just-started probe sees are slowed by its own start. --duration includes them"
                    + " (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--every-ms", defaultValue = "200", description = "Pause between probes (default: ${DEFAULT-VALUE}).")
    long everyMs;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Wait per alarm before counting it lost (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Mixin
    MqttVersionOption versionOption;

    // The detection job's defaults (stream-jobs SensorRule); the run is refused when the rotation would trip them.
    @Option(names = "--flap-changes", defaultValue = "4", paramLabel = "N",
            description = "The flapping guard of the probed sensors: this many alarm raises and clears within"
                    + " --flap-window make a sensor FLAPPING (the registry's detection.flapChanges; 0 = off;"
                    + " default: the job's ${DEFAULT-VALUE}).")
    int flapChanges;

    @Option(names = "--flap-window", defaultValue = "600", paramLabel = "SECONDS",
            description = "The window of --flap-changes (the registry's detection.flapWindowSeconds; default: the"
                    + " job's ${DEFAULT-VALUE}).")
    long flapWindowSeconds;

    @Override
    public Integer call() throws InterruptedException {
        Checks.positive(spec, "--count", count);
        Checks.positive(spec, "--timeout", timeoutSeconds);
        int mqttVersion = versionOption.checked();
        if (durationSeconds < 0) {
            throw Checks.bad(spec, "--duration", "must be >= 0 (0 = no limit), was " + durationSeconds);
        }
        if (warmup < 0) {
            throw Checks.bad(spec, "--warmup", "must be >= 0, was " + warmup);
        }
        if (everyMs < 0) {
            throw Checks.bad(spec, "--every-ms", "must be >= 0, was " + everyMs);
        }
        ProbeRotation.FlapGuard guard = flapGuard();
        List<SensorKey> keys = sensorKeys();
        Scenario scenario = scenarioOptions.load();
        List<LatencyProbe.Target> targets = targets(scenario, keys);
        ProbeRotation rotation = rotation(targets.size(), guard);
        PrintWriter out = spec.commandLine().getOut();
        out.println("rotation: " + rotation.describe());
        out.flush();
        LatencyProbe.Settings settings = new LatencyProbe.Settings(targets, high, low, count,
                Duration.ofMillis(everyMs), Duration.ofSeconds(timeoutSeconds),
                durationSeconds == 0 ? null : Duration.ofSeconds(durationSeconds), warmup);
        Map<String, MqttLink> links = new LinkedHashMap<>();
        try (AlarmStreamClient board = new AlarmStreamClient(alertUrl)) {
            // one login per enterprise: a gateway may publish for its own enterprise's devices only
            for (SensorKey key : keys) {
                Scenario.Enterprise e = enterprise(scenario, key.enterprise());
                links.computeIfAbsent(e.id(), id -> LinkOptions.of(scenario.broker(), mqttVersion,
                        LinkOptions.clientId("lat-" + id), e.username(), e.password()).open());
            }
            LatencyProbe probe = new LatencyProbe(links, settings, out);
            try {
                for (MqttLink link : links.values()) {
                    link.connect().get(15, TimeUnit.SECONDS);
                }
                board.open(probe::onAlarm, Duration.ofSeconds(15));
            } catch (Exception e) {
                spec.commandLine().getErr().println("latency: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
                return 1;
            }
            LatencyProbe.Result r = probe.run();
            LatencyHistogram h = r.latency();
            out.print(new Table("probes", "alarms seen", "lost", "publish→alarm p50 ms", "p95 ms", "p99 ms", "max ms",
                    "of it publish→PUBACK p50 / p99 ms", "PUBACK→alarm p50 / p99 ms")
                    .row(r.probes(), r.seen(), r.lost(), LatencyHistogram.ms(h.percentileMicros(50)),
                            LatencyHistogram.ms(h.percentileMicros(95)), LatencyHistogram.ms(h.percentileMicros(99)),
                            LatencyHistogram.ms(h.maxMicros()), p50p99(r.toPubAck()), p50p99(r.afterPubAck())));
            if (r.lost() > 0) {
                out.println("lost by sensor: " + r.lostBySensor().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
            }
            out.println(String.format(Locale.ROOT, "RESULT probes=%d seen=%d lost=%d p50_ms=%s p95_ms=%s p99_ms=%s max_ms=%s"
                            + " puback_p50_ms=%s puback_p99_ms=%s after_puback_p50_ms=%s after_puback_p99_ms=%s",
                    r.probes(), r.seen(), r.lost(), LatencyHistogram.ms(h.percentileMicros(50)),
                    LatencyHistogram.ms(h.percentileMicros(95)), LatencyHistogram.ms(h.percentileMicros(99)),
                    LatencyHistogram.ms(h.maxMicros()), LatencyHistogram.ms(r.toPubAck().percentileMicros(50)),
                    LatencyHistogram.ms(r.toPubAck().percentileMicros(99)),
                    LatencyHistogram.ms(r.afterPubAck().percentileMicros(50)),
                    LatencyHistogram.ms(r.afterPubAck().percentileMicros(99))));
            out.flush();
            return r.lost() == 0 ? 0 : 1;
        } finally {
            links.values().forEach(MqttLink::close);
        }
    }

    private static String p50p99(LatencyHistogram h) {
        return LatencyHistogram.ms(h.percentileMicros(50)) + " / " + LatencyHistogram.ms(h.percentileMicros(99));
    }

    private ProbeRotation.FlapGuard flapGuard() {
        if (flapChanges < 0) {
            throw Checks.bad(spec, "--flap-changes", "must be >= 0 (0 = no guard), was " + flapChanges);
        }
        Checks.positive(spec, "--flap-window", flapWindowSeconds);
        ProbeRotation.FlapGuard guard = new ProbeRotation.FlapGuard(flapChanges, Duration.ofSeconds(flapWindowSeconds));
        if (guard.tripsOnOneProbe()) {
            throw Checks.bad(spec, "--flap-changes", "a guard of " + flapChanges
                    + " changes trips on every probe (a raise and a clear): its alarms cannot be timed");
        }
        return guard;
    }

    /** The --sensor keys, each named once. */
    private List<SensorKey> sensorKeys() {
        List<SensorKey> keys = new ArrayList<>();
        for (String sensor : sensors) {
            String[] parts = sensor.split("/");
            if (parts.length != 3 || Arrays.stream(parts).anyMatch(String::isBlank)) {
                throw Checks.bad(spec, "--sensor", "'" + sensor + "' is not ENTERPRISE/DEVICE/SENSOR");
            }
            SensorKey key = new SensorKey(parts[0], parts[1], parts[2]);
            if (keys.contains(key)) {
                throw Checks.bad(spec, "--sensor", "'" + sensor + "' is named twice");
            }
            keys.add(key);
        }
        return keys;
    }

    private List<LatencyProbe.Target> targets(Scenario scenario, List<SensorKey> keys) {
        List<LatencyProbe.Target> targets = new ArrayList<>();
        for (SensorKey key : keys) {
            Scenario.KeyedSensor found = scenario.sensors().stream().filter(s -> s.key().equals(key)).findFirst()
                    .orElseThrow(() -> Checks.bad(spec, "--sensor", "'" + key + "' is not in " + scenarioOptions.file));
            targets.add(new LatencyProbe.Target(key, found.sensor().unit()));
        }
        return targets;
    }

    /** The rotation, refused when some sensor would reach the flapping guard: then no RAISED would come. */
    private ProbeRotation rotation(int sensorCount, ProbeRotation.FlapGuard guard) {
        ProbeRotation rotation = new ProbeRotation(sensorCount, count + warmup, Duration.ofMillis(everyMs), guard);
        if (rotation.tripsGuard()) {
            throw Checks.bad(spec, "--sensor", String.format(Locale.ROOT, "%d %s and a probe every %d ms would"
                            + " trip the flapping guard (%d changes in %d s; a probe is a raise and a clear): up to %d probes"
                            + " of one sensor in a window. Name at least %d sensors, or lower --count or --warmup, raise --every-ms,"
                            + " or set --flap-changes/--flap-window to the registry's detection settings of these sensors",
                    sensorCount, sensorCount == 1 ? "sensor" : "sensors", everyMs, guard.changes(), flapWindowSeconds,
                    rotation.maxProbesPerWindow(), rotation.sensorsNeeded()));
        }
        return rotation;
    }

    private static Scenario.Enterprise enterprise(Scenario scenario, String id) {
        return scenario.enterprises().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }
}
