package io.hazardwatch.alerts.ha;

import io.hazardwatch.alerts.AlertServiceApp;
import io.hazardwatch.alerts.Rehearsal;
import io.hazardwatch.alerts.config.AlertServiceConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a standby does once while it waits, so that a takeover does not pay for a cold JVM: it loads every class of
 * the service, then rehearses the whole service once ({@link Rehearsal}). Nothing here talks to Kafka, InfluxDB or a
 * provider, or writes anything.
 */
final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private WarmUp() {
    }

    /** @param standby whether the instance is still standby (the rehearsal is skipped once it is not) */
    static void run(AlertServiceConfig config, BooleanSupplier standby) {
        long started = System.nanoTime();
        int classes = 0;
        Rehearsal.Outcome rehearsed = null;
        try {
            classes = loadClasses();
            if (standby.getAsBoolean()) {
                rehearsed = Rehearsal.run(config);
            }
        } catch (Exception e) {
            LOG.warn("standby warm-up incomplete ({}): a takeover will start colder", e.toString());
        }
        LOG.info("standby warmed up in {} ms: {} classes loaded{}", (System.nanoTime() - started) / 1_000_000, classes,
                rehearsed == null ? "" : ", the service rehearsed with a made-up alarm and a takeover (" + rehearsed.messages()
                        + " messages to its sink, none to a person)");
    }

    /** Loads every class beside {@link AlertServiceApp} (its classes directory or jar). */
    private static int loadClasses() throws IOException, URISyntaxException {
        Path source = Path.of(AlertServiceApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(source)) {
            return loadFrom(source);
        }
        try (FileSystem jar = FileSystems.newFileSystem(source, Map.of())) {
            return loadFrom(jar.getPath("/"));
        }
    }

    private static int loadFrom(Path root) throws IOException {
        int loaded = 0;
        ClassLoader loader = AlertServiceApp.class.getClassLoader();
        try (Stream<Path> files = Files.walk(root.resolve("io/hazardwatch"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class that cannot load now will not load at the takeover either: its start reports it
                }
            }
        }
        return loaded;
    }
}
