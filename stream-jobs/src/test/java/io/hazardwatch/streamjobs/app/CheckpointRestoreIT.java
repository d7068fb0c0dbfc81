package io.hazardwatch.streamjobs.app;

import static io.hazardwatch.streamjobs.testing.KafkaJobRun.has;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.streamjobs.testing.FlinkTestCluster;
import io.hazardwatch.streamjobs.testing.KafkaJobRun;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job with its real connectors (Kafka in and out, InfluxDB), stopped and started again from its state in the
 * middle of an alarm episode: what reaches the alarms topic, which is what the alert service sees.
 */
class CheckpointRestoreIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    @TempDir
    Path dir;

    private KafkaJobRun run;
    private JobClient job;

    @AfterEach
    void cancelJobAndRemoveTopics() throws Exception {
        if (job != null && !job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (run != null) {
            run.close();
        }
    }

    /** The way to upgrade or move the job: stop with a savepoint, start from it. Nothing is sent twice. */
    @Test
    @Timeout(240)
    void stopWithSavepointAndRestartInTheMiddleOfAnEpisodeSendsEveryTransitionExactlyOnce() throws Exception {
        run = new KafkaJobRun(TestRegistry.write(dir), 1_000);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(20);
        job = start(new Configuration());
        run.gas(start, 0, 5, 10, 15, 20, 25, 30, 35);
        assertThat(run.alarmsUntil(has(AlarmEvent.THRESHOLD, AlarmTransition.RAISED, 1)))
                .filteredOn(e -> e.alarmType().equals(AlarmEvent.THRESHOLD)).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.RAISED);

        String savepoint = job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(120, TimeUnit.SECONDS);
        assertThat(KafkaJobRun.awaitTerminal(job)).isEqualTo(JobStatus.FINISHED);
        job = start(restoreFrom(savepoint));
        run.gas(start, 7, 40, 45, 50, 55, 30, 10);
        List<AlarmEvent> alarms = run.alarmsUntil(has(AlarmEvent.THRESHOLD, AlarmTransition.CLEARED, 1));

        Instant raisedAt = start.plusSeconds(4);
        assertThat(alarms).filteredOn(e -> e.alarmType().equals(AlarmEvent.THRESHOLD))
                .extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::value, AlarmEvent::episodeStart)
                .containsExactly(
                        tuple(AlarmTransition.RAISED, AlarmLevel.FIRST, 25.0, raisedAt),
                        tuple(AlarmTransition.ESCALATED, AlarmLevel.SECOND, 50.0, raisedAt),
                        tuple(AlarmTransition.CLEARED, AlarmLevel.NONE, 10.0, raisedAt));
        assertThat(sentMoreThanOnce(alarms)).as("transitions on the alarms topic more than once").isEmpty();
    }

    /**
     * A crash: the job is cancelled after a retained checkpoint and started from it, so the readings after that
     * checkpoint are read again. The episode is raised once; a transition sent after the checkpoint is sent
     * again, identical but for its detection time, and the alert service applies it once
     * ({@code IncidentBook}: one incident per alarm key and episode start, each transition and level applied
     * once; see {@code IncidentBookTest.oneIncidentPerEpisodeWhateverTheRedelivery}).
     */
    @Test
    @Timeout(240)
    void aRestartFromARetainedCheckpointReplaysTheReadingsAfterItButRaisesTheEpisodeOnce(
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        // checkpoints only when the test asks for one
        run = new KafkaJobRun(TestRegistry.write(dir), 3_600_000);
        Path checkpoints = KafkaJobRun.checkpointsNextTo(run.cfg.registryFile()).resolve(StreamJob.DETECTION.label());
        Configuration retained = new Configuration();
        retained.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        retained.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 10);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(20);
        job = start(retained);
        run.gas(start, 0, 5, 10, 15, 20, 25, 30, 35);
        run.alarmsUntil(has(AlarmEvent.THRESHOLD, AlarmTransition.RAISED, 1));

        long checkpointId = client.triggerCheckpoint(job.getJobID(), CheckpointType.FULL).get(120, TimeUnit.SECONDS);
        Path checkpoint = checkpoints.resolve(job.getJobID().toHexString()).resolve("chk-" + checkpointId);
        run.gas(start, 7, 40, 45, 50, 55);
        run.alarmsUntil(has(AlarmEvent.THRESHOLD, AlarmTransition.ESCALATED, 1));
        job.cancel().get(30, TimeUnit.SECONDS);
        assertThat(KafkaJobRun.awaitTerminal(job)).isEqualTo(JobStatus.CANCELED);
        assertThat(checkpoint).as("retained on cancellation").isDirectory();
        assertThat(Files.exists(checkpoint.resolve("_metadata"))).isTrue();

        Configuration restore = restoreFrom(checkpoint.toUri().toString());
        restore.addAll(retained);
        job = start(restore);
        run.gas(start, 11, 30, 10);
        List<AlarmEvent> alarms = run.alarmsUntil(has(AlarmEvent.THRESHOLD, AlarmTransition.CLEARED, 1)
                .and(has(AlarmEvent.THRESHOLD, AlarmTransition.ESCALATED, 2)));

        Instant raisedAt = start.plusSeconds(4);
        List<AlarmEvent> threshold = alarms.stream().filter(e -> e.alarmType().equals(AlarmEvent.THRESHOLD)).toList();
        assertThat(threshold).extracting(AlarmEvent::transition, AlarmEvent::episodeStart)
                .as("the readings after the checkpoint were read again: the escalation is sent twice")
                .containsExactly(
                        tuple(AlarmTransition.RAISED, raisedAt),
                        tuple(AlarmTransition.ESCALATED, raisedAt),
                        tuple(AlarmTransition.ESCALATED, raisedAt),
                        tuple(AlarmTransition.CLEARED, raisedAt));
        assertThat(alarms).filteredOn(e -> e.transition() == AlarmTransition.RAISED)
                .as("no episode of any alarm raised twice")
                .extracting(e -> e.alarmKey() + "@" + e.episodeStart()).doesNotHaveDuplicates();
        // what the alert service's dedup key keeps: each transition once, and the copies are identical apart from
        // the moment they were detected
        Map<String, List<AlarmEvent>> copies = alarms.stream().collect(Collectors.groupingBy(
                CheckpointRestoreIT::dedupKey, java.util.LinkedHashMap::new, Collectors.toList()));
        assertThat(copies.values()).allSatisfy(same -> assertThat(same.stream().map(e -> withoutDetectionTime(e))
                .distinct()).hasSize(1));
        assertThat(copies.values().stream().map(same -> same.get(0))
                .filter(e -> e.alarmType().equals(AlarmEvent.THRESHOLD)))
                .extracting(AlarmEvent::transition, AlarmEvent::level)
                .containsExactly(tuple(AlarmTransition.RAISED, AlarmLevel.FIRST),
                        tuple(AlarmTransition.ESCALATED, AlarmLevel.SECOND),
                        tuple(AlarmTransition.CLEARED, AlarmLevel.NONE));
    }

    /**
     * One-machine mode: the job's process stops in the middle of an episode, and the next start
     * ({@link LocalMain#resumeFromNewestCheckpoint}) finds the checkpoint it left and resumes from it: the alarm the
     * board shows as active gets its CLEARED, and nothing is sent twice. A job started without that state reads the
     * topic again from the group's committed offsets: here (verified) it sends the RAISED a second time; with
     * offsets committed after the raise it would not know the alarm at all and never send its CLEARED.
     */
    @Test
    @Timeout(240)
    void theNextStartResumesFromTheCheckpointTheStoppedJobLeftAndClearsItsAlarm(
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        run = new KafkaJobRun(TestRegistry.write(dir), 3_600_000);
        Path checkpoints = KafkaJobRun.checkpointsNextTo(run.cfg.registryFile()).resolve(StreamJob.DETECTION.label());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(20);
        job = start(new Configuration());
        run.gas(start, 0, 5, 10, 15, 20, 25, 30, 35);
        AlarmEvent raised = run.alarmsUntil(has(AlarmEvent.THRESHOLD, AlarmTransition.RAISED, 1)).stream()
                .filter(e -> e.alarmType().equals(AlarmEvent.THRESHOLD)).findFirst().orElseThrow();
        long checkpointId = client.triggerCheckpoint(job.getJobID(), CheckpointType.FULL).get(120, TimeUnit.SECONDS);
        Path checkpoint = checkpoints.resolve(job.getJobID().toHexString()).resolve("chk-" + checkpointId);
        // no retention set here: the job's own settings (JobsMain) keep its checkpoint when it is cancelled
        job.cancel().get(30, TimeUnit.SECONDS);
        assertThat(KafkaJobRun.awaitTerminal(job)).isEqualTo(JobStatus.CANCELED);

        Configuration conf = new Configuration();
        assertThat(LocalMain.resumeFromNewestCheckpoint(conf, run.cfg, StreamJob.DETECTION)).contains(checkpoint);
        job = start(conf);
        run.gas(start, 8, 10, 5);
        List<AlarmEvent> alarms = run.alarmsUntil(has(AlarmEvent.THRESHOLD, AlarmTransition.CLEARED, 1));

        assertThat(alarms).filteredOn(e -> e.alarmType().equals(AlarmEvent.THRESHOLD))
                .extracting(AlarmEvent::transition, AlarmEvent::episodeStart)
                .containsExactly(tuple(AlarmTransition.RAISED, raised.episodeStart()),
                        tuple(AlarmTransition.CLEARED, raised.episodeStart()));
    }

    private JobClient start(Configuration conf) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        JobsMain.buildDetection(env, run.cfg);
        return env.executeAsync("checkpoint-restore-it");
    }

    private static Configuration restoreFrom(String path) {
        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
        return conf;
    }

    /** The alert service's identity of a transition: alarm key, episode start, transition, level. */
    private static String dedupKey(AlarmEvent e) {
        return e.alarmKey() + "|" + e.episodeStart() + "|" + e.transition() + "|" + e.level();
    }

    private static AlarmEvent withoutDetectionTime(AlarmEvent e) {
        return new AlarmEvent(e.schema(), e.alarmKey(), e.enterprise(), e.device(), e.sensor(), e.sensorType(),
                e.alarmType(), e.level(), e.transition(), e.value(), e.threshold(), e.unit(), e.ruleId(),
                e.ruleVersion(), e.episodeStart(), e.eventTime(), null, e.windowValue(), e.windowSeconds(),
                e.predictedCrossing(), e.leadTimeSeconds());
    }

    private static Map<String, Long> sentMoreThanOnce(List<AlarmEvent> alarms) {
        return alarms.stream().collect(Collectors.groupingBy(CheckpointRestoreIT::dedupKey, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
