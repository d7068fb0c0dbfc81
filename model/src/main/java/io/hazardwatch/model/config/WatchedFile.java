package io.hazardwatch.model.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * A config file people edit while the service runs (registry, users, alerting policy, duty roster): the last good
 * value read from it, reloaded when the file's modification time, size or identity changes. A change that does not
 * load keeps the last good value (the caller logs why); nothing here schedules: a service checks it on its own timer,
 * off the event loop ({@link #reloadIfChanged()} reads the disk).
 *
 * @param <T> the typed, validated value the file is read into
 */
public final class WatchedFile<T> {

    /** What was loaded: the value, its version (the first 12 hex digits of the file's SHA-256) and the file. */
    public record Loaded<T>(T value, String version, Path file) {
    }

    private final Path file;
    private final Function<Path, T> load;
    private volatile Loaded<T> current;
    private volatile String stamp;

    /** Reads the file now; fails with whatever {@code load} throws for an unusable file (a startup error). */
    public WatchedFile(Path file, Function<Path, T> load) {
        this(file, load, null);
    }

    /** Watches a file already read into {@code initial} (null: read it now). */
    public WatchedFile(Path file, Function<Path, T> load, T initial) {
        this.file = file;
        this.load = load;
        this.stamp = stamp(file);
        this.current = new Loaded<>(initial != null ? initial : load.apply(file), versionOf(file), file);
    }

    public T get() {
        return current.value();
    }

    public Loaded<T> loaded() {
        return current;
    }

    public Path file() {
        return file;
    }

    /**
     * Reloads the file if it changed since the last look (blocking: reads the disk). Returns the new value once
     * swapped in, empty if the file is unchanged or missing; a changed file that does not load throws what the loader
     * threw, and the last good value stays (the same change is not tried again until the file changes once more).
     */
    public synchronized Optional<Loaded<T>> reloadIfChanged() {
        String now = stamp(file);
        if (now == null || now.equals(stamp)) {
            return Optional.empty();
        }
        stamp = now;
        T value = load.apply(file);
        current = new Loaded<>(value, versionOf(file), file);
        return Optional.of(current);
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            return attrs.lastModifiedTime().toMillis() + ":" + attrs.size() + ":" + attrs.fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static String versionOf(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unknown";
        }
    }
}
