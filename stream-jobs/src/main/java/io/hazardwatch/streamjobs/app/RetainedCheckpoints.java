package io.hazardwatch.streamjobs.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * The checkpoints a one-machine job leaves in {@code checkpoint.dir}, and the one its next start resumes from.
 *
 * <p>Flink writes them as {@code <dir>/<job id>/chk-<n>/}, a checkpoint being complete once its {@code _metadata}
 * file is there; the job keeps its latest one when it is cancelled or its process stops
 * ({@code JobsMain} retains checkpoints on cancellation). A new job started without one would begin with
 * empty state: alarms raised before the restart would never be cleared (the job no longer knows they are active),
 * and every sensor's windows, trends and offline deadlines would start over. So {@code LocalMain} resumes from the
 * newest complete checkpoint, and removes the directories of earlier jobs that it supersedes.
 */
public final class RetainedCheckpoints {

    /** Flink's job ids: 32 hex digits. Only such directories are ever removed. */
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern CHECKPOINT = Pattern.compile("chk-\\d+");
    static final String METADATA = "_metadata";

    private RetainedCheckpoints() {
    }

    /** The local directory of a {@code checkpoint.dir} URI, or empty for another file system (hdfs://, s3://). */
    public static Optional<Path> localDirectory(String checkpointUri) {
        URI uri = URI.create(checkpointUri);
        return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri)) : Optional.empty();
    }

    /**
     * The newest complete checkpoint under {@code dir} (the {@code chk-<n>} directory whose {@code _metadata} was
     * written last, over all jobs), or empty when there is none or {@code dir} does not exist.
     */
    public static Optional<Path> newest(Path dir) {
        return completed(dir).stream()
                .max(Comparator.comparing(RetainedCheckpoints::writtenAt).thenComparing(Path::toString));
    }

    /**
     * Removes the job directories under {@code dir} other than the one holding {@code keep} (all of them when
     * {@code keep} is null): what earlier jobs left behind, superseded by the checkpoint the new job starts from.
     * Only directories named like a Flink job id are touched. Returns those removed.
     */
    public static List<Path> removeSuperseded(Path dir, Path keep) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        Path keepJob = keep == null ? null : keep.toAbsolutePath().normalize().getParent();
        for (Path job : list(dir)) {
            if (Files.isDirectory(job) && JOB_ID.matcher(job.getFileName().toString()).matches()
                    && !job.toAbsolutePath().normalize().equals(keepJob)) {
                deleteTree(job);
                removed.add(job);
            }
        }
        return removed;
    }

    /** The settings that start a job from {@code checkpoint}, keeping the state of the operators it still has. */
    public static Configuration restoreSettings(Path checkpoint) {
        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
        // an upgrade that drops an operator should not strand the others' state
        conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        return conf;
    }

    private static List<Path> completed(Path dir) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        for (Path job : list(dir)) {
            if (!Files.isDirectory(job) || !JOB_ID.matcher(job.getFileName().toString()).matches()) {
                continue;
            }
            for (Path chk : list(job)) {
                if (CHECKPOINT.matcher(chk.getFileName().toString()).matches()
                        && Files.isRegularFile(chk.resolve(METADATA))) {
                    found.add(chk);
                }
            }
        }
        return found;
    }

    private static FileTime writtenAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve(METADATA));
        } catch (IOException e) {
            return FileTime.fromMillis(0); // removed meanwhile: the oldest
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
