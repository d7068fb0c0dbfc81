package io.hazardwatch.alerts.config;

import io.hazardwatch.model.config.WatchedFile;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config files the alert service reloads without a restart (alerting policy, duty roster, users): each is looked
 * at on a timer, read off the event loop when it changed ({@link WatchedFile}) and, once it validates, handed to its
 * users on the service's context in one step (they swap one reference: a reader sees the old or the new file, never
 * a mix). A change that does not validate is refused with one log line naming the field; the last good one stays.
 * {@link #versions()} is what {@code /health} shows.
 */
public final class LiveFiles {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFiles.class);

    /** One file as {@code /health} shows it: its config key, the version in use and when it was loaded. */
    public record Version(String key, String version, Instant loadedAt, Instant refusedAt) {
    }

    private final class Live<T> {
        final String key;
        final WatchedFile<T> file;
        final Consumer<T> apply;
        volatile Instant loadedAt;
        volatile Instant refusedAt;
        boolean checking;

        Live(String key, WatchedFile<T> file, Consumer<T> apply) {
            this.key = key;
            this.file = file;
            this.apply = apply;
            this.loadedAt = Instant.now();
        }

        void check() {
            if (checking) {
                return;
            }
            checking = true;
            String before = file.loaded().version();
            vertx.executeBlocking(file::reloadIfChanged, false).onComplete(ar -> {
                checking = false;
                if (ar.failed()) {
                    refusedAt = Instant.now();
                    LOG.error("{} {} changed but is refused, keeping version {}: {}", key, file.file(), before,
                            ar.cause().getMessage());
                } else if (ar.result().isPresent()) {
                    apply.accept(ar.result().get().value());
                    loadedAt = Instant.now();
                    refusedAt = null;
                    LOG.info("{} {} reloaded: version {} (was {})", key, file.file(), ar.result().get().version(), before);
                }
            });
        }

        Version version() {
            return new Version(key, file.loaded().version(), loadedAt, refusedAt);
        }
    }

    private final Vertx vertx;
    private final List<Live<?>> files = new CopyOnWriteArrayList<>();

    public LiveFiles(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Watches {@code file} (named by its config key); {@code apply} gets each valid new version on the context that
     * called {@link #start}. Returns the file, whose {@code get()} is always the version in use.
     */
    public <T> WatchedFile<T> watch(String key, WatchedFile<T> file, Consumer<T> apply) {
        files.add(new Live<>(key, file, apply));
        return file;
    }

    /** Looks at every file each {@code interval}, on the calling context (call it from the service's verticle). */
    public long start(Duration interval) {
        return vertx.setPeriodic(interval.toMillis(), id -> files.forEach(Live::check));
    }

    public List<Version> versions() {
        List<Version> versions = new ArrayList<>();
        files.forEach(f -> versions.add(f.version()));
        return versions;
    }
}
