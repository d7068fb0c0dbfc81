package io.hazardwatch.deploy;

import io.hazardwatch.alerts.config.AlertServiceConfig;
import io.hazardwatch.alerts.ha.HaConfig;
import io.hazardwatch.ingest.config.IngestConfig;
import io.hazardwatch.model.config.Settings;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A service's own config class run on a manifest's values, recording which keys it reads: {@link Settings} looks up
 * every key's {@code HW_*} variable in the environment map before the file, so a recording map sees each key the
 * class asks for. A key a manifest sets that is not among them is one the service ignores (a typo, a renamed key).
 * The service is named by the main class a manifest starts.
 */
final class ConfigReads {

    /** Each service's main class and the parse its main runs. */
    static final Map<String, Function<Settings, Object>> SERVICES = Map.of(
            "io.hazardwatch.ingest.Main", IngestConfig::from,
            "io.hazardwatch.alerts.Main", ConfigReads::alertService,
            "io.hazardwatch.alerts.SentinelMain", ConfigReads::sentinel,
            "io.hazardwatch.streamjobs.app.JobsMain", StreamJobsConfig::from);

    /** The module whose sources hold each service's HTTP routes. */
    static final Map<String, String> MODULES = Map.of(
            "io.hazardwatch.ingest.Main", "ingest",
            "io.hazardwatch.alerts.Main", "alert-service",
            "io.hazardwatch.streamjobs.app.JobsMain", "stream-jobs");

    /** The alert service's two parses, as its main runs them: the service and its active + standby role. */
    record AlertService(AlertServiceConfig config, HaConfig ha) {
    }

    /** What a parse gave: the typed config and the environment names of the keys read. */
    record Parsed(Object config, Set<String> read) {

        boolean reads(String key) {
            return read.contains(Settings.envName(key));
        }
    }

    private ConfigReads() {
    }

    /** The sentinel reads the alert service's file, then its own keys (bin/hw sentinel). */
    private static io.hazardwatch.alerts.sentinel.SentinelConfig sentinel(Settings settings) {
        return io.hazardwatch.alerts.sentinel.SentinelConfig.from(settings, AlertServiceConfig.from(settings));
    }

    /** What two services started by one script read together: {@code first}'s config, both's keys. */
    static Parsed union(Parsed first, Parsed second) {
        Set<String> read = new TreeSet<>(first.read());
        read.addAll(second.read());
        return new Parsed(first.config(), read);
    }

    private static AlertService alertService(Settings settings) {
        AlertServiceConfig config = AlertServiceConfig.from(settings);
        return new AlertService(config,
                HaConfig.from(settings, config.incidentStateTopic(), config.httpHost(), config.httpPort()));
    }

    /**
     * Runs {@code mainClass}'s config parse on {@code file} (a properties file's keys) and {@code env} (HW_*
     * variables). Paths of files that exist only where the service runs must already be replaced by local ones.
     */
    static Parsed parse(String mainClass, Map<String, String> file, Map<String, String> env, Path scratch) {
        Function<Settings, Object> parser = SERVICES.get(mainClass);
        if (parser == null) {
            throw new AssertionError("no config class known for main class " + mainClass);
        }
        Path properties = scratch.resolve("service-" + System.nanoTime() + ".properties");
        Properties props = new Properties();
        props.putAll(file);
        try (Writer out = Files.newBufferedWriter(properties)) {
            props.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Recording recording = new Recording(env);
        Object config = parser.apply(Settings.load(properties, recording));
        return new Parsed(config, recording.read);
    }

    /** A read-only environment that remembers every name looked up. */
    private static final class Recording extends AbstractMap<String, String> {
        private final Map<String, String> values;
        private final Set<String> read = new TreeSet<>();

        Recording(Map<String, String> values) {
            this.values = new HashMap<>(values);
        }

        @Override
        public String get(Object key) {
            read.add(String.valueOf(key));
            return values.get(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return values.entrySet();
        }
    }
}
