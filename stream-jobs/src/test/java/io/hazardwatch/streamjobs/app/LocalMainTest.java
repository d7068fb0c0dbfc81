package io.hazardwatch.streamjobs.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each job resumes from its own checkpoints; detection also from the single job of earlier versions. */
class LocalMainTest {

    private static final String OLD_JOB = "0123456789abcdef0123456789abcdef";
    private static final String NEW_JOB = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path dir;

    @Test
    void eachJobResumesFromTheNewestCheckpointInItsOwnDirectory() throws IOException {
        StreamJobsConfig cfg = config();
        Path detection = checkpoint(dir.resolve("detection"), NEW_JOB, 4, 2_000);
        Path history = checkpoint(dir.resolve("history"), OLD_JOB, 9, 1_000);

        Configuration detectionConf = new Configuration();
        Configuration historyConf = new Configuration();
        assertThat(LocalMain.resumeFromNewestCheckpoint(detectionConf, cfg, StreamJob.DETECTION)).contains(detection);
        assertThat(LocalMain.resumeFromNewestCheckpoint(historyConf, cfg, StreamJob.HISTORY)).contains(history);

        assertThat(detectionConf.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo(detection.toUri().toString());
        assertThat(historyConf.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo(history.toUri().toString());
    }

    @Test
    void detectionResumesFromTheSingleJobOfAnEarlierVersionUntilItHasACheckpointOfItsOwn() throws IOException {
        StreamJobsConfig cfg = config();
        Path legacy = checkpoint(dir, OLD_JOB, 12, 1_000);

        assertThat(LocalMain.resumeFromNewestCheckpoint(new Configuration(), cfg, StreamJob.HISTORY)).isEmpty();
        assertThat(LocalMain.resumeFromNewestCheckpoint(new Configuration(), cfg, StreamJob.DETECTION)).contains(legacy);
        assertThat(legacy).exists();

        Path own = checkpoint(dir.resolve("detection"), NEW_JOB, 1, 500);
        assertThat(LocalMain.resumeFromNewestCheckpoint(new Configuration(), cfg, StreamJob.DETECTION)).contains(own);
        assertThat(dir.resolve(OLD_JOB)).as("superseded by the detection job's own").doesNotExist();
    }

    private StreamJobsConfig config() {
        return new StreamJobsConfig("127.0.0.1:9092", "r", "a", "g", dir.resolve("registry.yaml"),
                "http://127.0.0.1:8086", "hw", "thirty_days",
                10_000, 0, 2, "rules", "four_hundred_days", 10, dir.toUri().toString());
    }

    private static Path checkpoint(Path root, String job, int n, long writtenAtMillis) throws IOException {
        Path chk = Files.createDirectories(root.resolve(job).resolve("chk-" + n));
        Path metadata = Files.writeString(chk.resolve(RetainedCheckpoints.METADATA), "metadata");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(writtenAtMillis));
        return chk;
    }
}
