package io.hazardwatch.streamjobs.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code flink run ... [--job detection|history|both] [file.properties]} */
class JobsMainTest {

    @Test
    void submitsBothJobsUnlessOneIsNamed() {
        assertThat(JobsMain.jobsOrExit(new String[] {"job.properties"}))
                .containsExactly(StreamJob.DETECTION, StreamJob.HISTORY);
        assertThat(JobsMain.jobsOrExit(new String[] {"--job", "both"}))
                .containsExactly(StreamJob.DETECTION, StreamJob.HISTORY);
        assertThat(JobsMain.jobsOrExit(new String[] {"--job", "history", "job.properties"}))
                .containsExactly(StreamJob.HISTORY);
        assertThat(JobsMain.jobsOrExit(new String[] {"job.properties", "--job", "detection"}))
                .containsExactly(StreamJob.DETECTION);
    }

    @Test
    void thePropertiesFileIsTheArgumentThatIsNotTheJobOption() {
        assertThat(JobsMain.fileArgument(new String[] {"--job", "history", "job.properties"}))
                .isEqualTo(Path.of("job.properties"));
        assertThat(JobsMain.fileArgument(new String[] {"job.properties"})).isEqualTo(Path.of("job.properties"));
        assertThat(JobsMain.fileArgument(new String[] {"--job", "detection"})).isNull();
        assertThat(JobsMain.fileArgument(new String[0])).isNull();
    }

    @Test
    void eachJobHasACheckpointSubdirectoryOfItsOwn() {
        var cfg = new StreamJobsConfig("127.0.0.1:9092", "r", "a", "g",
                Path.of("registry.yaml"), "http://127.0.0.1:8086", "hw", "thirty_days", 10_000, 0, 2, "rules",
                "four_hundred_days", 10, "file:/var/lib/hw/checkpoints/");
        assertThat(StreamJob.DETECTION.checkpointDir(cfg)).isEqualTo("file:/var/lib/hw/checkpoints/detection");
        assertThat(StreamJob.HISTORY.checkpointDir(cfg)).isEqualTo("file:/var/lib/hw/checkpoints/history");
    }
}
