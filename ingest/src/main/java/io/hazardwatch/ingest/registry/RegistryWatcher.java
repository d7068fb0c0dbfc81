package io.hazardwatch.ingest.registry;

import io.hazardwatch.model.config.WatchedFile;
import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryException;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current registry. It checks the file's modification time and size every interval and reloads it off
 * the event loop when they change ({@link WatchedFile}), so a new device or a revoked credential applies without a
 * restart. A file that does not validate is logged and ignored: the gateway keeps the last good registry.
 */
public final class RegistryWatcher implements Supplier<Registry> {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryWatcher.class);

    private final Vertx vertx;
    private final Path file;
    private final List<Consumer<Registry>> listeners = new CopyOnWriteArrayList<>();
    private final WatchedFile<Registry> watched;
    private long timer = -1;
    private boolean checking;

    public RegistryWatcher(Vertx vertx, Path file) {
        this(vertx, file, registry -> registry);
    }

    /**
     * A watcher whose every version, the first included, must also pass {@code check} (which throws
     * {@link RegistryException} to refuse it: at start-up that stops the gateway; later the last good registry stays).
     */
    public RegistryWatcher(Vertx vertx, Path file, java.util.function.UnaryOperator<Registry> check) {
        this.vertx = vertx;
        this.file = file;
        this.watched = new WatchedFile<>(file, f -> check.apply(Registry.load(f)));
    }

    @Override
    public Registry get() {
        return watched.get();
    }

    /** Called on the watcher's timer context after each successful reload. */
    public void onReload(Consumer<Registry> listener) {
        listeners.add(listener);
    }

    public void start(Duration interval) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> check());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void check() {
        if (checking) {
            return;
        }
        checking = true;
        vertx.executeBlocking(watched::reloadIfChanged, false).onComplete(ar -> {
            checking = false;
            if (ar.failed()) {
                String why = ar.cause() instanceof RegistryException ? ar.cause().getMessage() : ar.cause().toString();
                LOG.error("registry {} changed but is not valid, keeping version {}: {}", file, get().version(), why);
            } else if (ar.result().isPresent()) {
                Registry current = ar.result().get().value();
                LOG.info("registry {} reloaded (version {})", file, current.version());
                listeners.forEach(l -> l.accept(current));
            }
        });
    }
}
