package io.hazardwatch.streamjobs.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {

    private static final String JOB_A = "0123456789abcdef0123456789abcdef";
    private static final String JOB_B = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path dir;

    @Test
    void findsTheCheckpointWrittenLastOverAllJobs() throws IOException {
        checkpoint(JOB_A, 7, 1_000);
        Path newest = checkpoint(JOB_B, 2, 3_000);
        checkpoint(JOB_A, 8, 2_000);

        assertThat(RetainedCheckpoints.newest(dir)).contains(newest);
    }

    @Test
    void skipsACheckpointWithoutItsMetadataAndDirectoriesThatAreNotJobs() throws IOException {
        Path complete = checkpoint(JOB_A, 3, 1_000);
        Files.createDirectories(dir.resolve(JOB_A).resolve("chk-4")); // being written, or failed
        Files.createDirectories(dir.resolve(JOB_A).resolve("shared"));
        Path notAJob = Files.createDirectories(dir.resolve("backup").resolve("chk-9"));
        Files.writeString(notAJob.resolve(RetainedCheckpoints.METADATA), "x");

        assertThat(RetainedCheckpoints.newest(dir)).contains(complete);
    }

    @Test
    void noCheckpointInAnEmptyOrMissingDirectory() {
        assertThat(RetainedCheckpoints.newest(dir)).isEmpty();
        assertThat(RetainedCheckpoints.newest(dir.resolve("missing"))).isEmpty();
        assertThat(RetainedCheckpoints.removeSuperseded(dir.resolve("missing"), null)).isEmpty();
    }

    @Test
    void removesTheOtherJobsDirectoriesButNothingElse() throws IOException {
        checkpoint(JOB_A, 1, 1_000);
        Path keep = checkpoint(JOB_B, 5, 2_000);
        Path other = Files.createDirectories(dir.resolve("notes"));

        assertThat(RetainedCheckpoints.removeSuperseded(dir, keep)).containsExactly(dir.resolve(JOB_A));

        assertThat(dir.resolve(JOB_A)).doesNotExist();
        assertThat(keep.resolve(RetainedCheckpoints.METADATA)).exists();
        assertThat(other).isDirectory();
    }

    @Test
    void withNothingToKeepRemovesEveryJobDirectory() throws IOException {
        Files.createDirectories(dir.resolve(JOB_A).resolve("shared"));
        Files.createDirectories(dir.resolve(JOB_B).resolve("taskowned"));

        assertThat(RetainedCheckpoints.removeSuperseded(dir, null)).hasSize(2);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void onlyALocalCheckpointDirectoryIsSearched() {
        assertThat(RetainedCheckpoints.localDirectory(dir.toUri().toString())).contains(dir);
        assertThat(RetainedCheckpoints.localDirectory("hdfs://namenode:8020/flink/checkpoints")).isEmpty();
    }

    @Test
    void restoreSettingsPointFlinkAtTheCheckpoint() throws IOException {
        Path chk = checkpoint(JOB_A, 1, 1_000);

        Configuration conf = RetainedCheckpoints.restoreSettings(chk);

        assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo(chk.toUri().toString());
        assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)).isTrue();
    }

    private Path checkpoint(String job, int n, long writtenAtMillis) throws IOException {
        Path chk = Files.createDirectories(dir.resolve(job).resolve("chk-" + n));
        Path metadata = Files.writeString(chk.resolve(RetainedCheckpoints.METADATA), "metadata");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(writtenAtMillis));
        return chk;
    }
}
