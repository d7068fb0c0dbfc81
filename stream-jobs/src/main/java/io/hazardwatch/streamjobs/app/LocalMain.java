package io.hazardwatch.streamjobs.app;

import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryException;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-machine mode: the detection job and the history job ({@link LocalJobs}) in one embedded Flink cluster that
 * listens on 127.0.0.1 only, with its REST API on {@code flink.rest.port}. Each job starts from the newest
 * checkpoint an earlier run left in its subdirectory of {@code checkpoint.dir}, if any. Blocks until a job ends
 * or the process is stopped.
 * {@code java -cp target/classes:$(cat target/classpath.txt) io.hazardwatch.streamjobs.app.LocalMain [stream-jobs.properties]}
 */
public final class LocalMain {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMain.class);
    private static final String LOOPBACK = "127.0.0.1";

    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        StreamJobsConfig cfg = JobsMain.configOrExit(JobsMain.fileArgument(args));
        try {
            Registry.load(cfg.registryFile()); // a bad registry stops start-up here, not in a restarting job
        } catch (RegistryException e) {
            System.err.println("config error: registry.file: " + e.getMessage());
            System.exit(2);
        }
        Map<StreamJob, Configuration> restore = new EnumMap<>(StreamJob.class);
        Map<StreamJob, Path> resumed = new EnumMap<>(StreamJob.class);
        for (StreamJob job : StreamJob.values()) {
            Configuration conf = new Configuration();
            resumeFromNewestCheckpoint(conf, cfg, job).ifPresent(checkpoint -> resumed.put(job, checkpoint));
            restore.put(job, conf);
        }
        LocalJobs jobs = LocalJobs.start(localCluster(cfg), cfg, restore);
        try {
            jobs.anyEnded().get();
        } catch (Exception e) {
            resumed.forEach((job, checkpoint) -> LOG.error("the {} job failed after resuming from {}; if that checkpoint"
                    + " cannot be restored (say, an upgrade changed the job's state), move {} away to start it without"
                    + " state", job.label(), checkpoint, checkpoint.getParent().getParent()));
            jobs.close();
            throw e;
        }
        jobs.close();
    }

    /**
     * Makes {@code conf} start {@code job} from the newest complete checkpoint in its subdirectory of
     * {@code checkpoint.dir} ({@link StreamJob#checkpointDir}), if there is one ({@link RetainedCheckpoints}), and
     * removes what earlier runs of that job left there that it supersedes. Without one the job starts with empty
     * state from its consumer group's committed offsets. The detection job also looks for a checkpoint of the single
     * job of earlier versions, directly in {@code checkpoint.dir} (its alarms' state and offsets carry over; the
     * history store's parts of it are left behind).
     *
     * @return the checkpoint resumed from
     */
    static Optional<Path> resumeFromNewestCheckpoint(Configuration conf, StreamJobsConfig cfg, StreamJob job) {
        Optional<Path> top = RetainedCheckpoints.localDirectory(cfg.checkpointDir());
        Optional<Path> dir = RetainedCheckpoints.localDirectory(job.checkpointDir(cfg));
        if (top.isEmpty() || dir.isEmpty()) {
            LOG.info("checkpoint.dir {} is not a local directory: the {} job starts without state, from the readings"
                    + " topic's committed offsets", cfg.checkpointDir(), job.label());
            return Optional.empty();
        }
        Optional<Path> newest = RetainedCheckpoints.newest(dir.get());
        RetainedCheckpoints.removeSuperseded(dir.get(), newest.orElse(null));
        if (job == StreamJob.DETECTION) {
            Optional<Path> legacy = newest.isEmpty() ? RetainedCheckpoints.newest(top.get()) : Optional.empty();
            RetainedCheckpoints.removeSuperseded(top.get(), legacy.orElse(null));
            newest = newest.or(() -> legacy);
        }
        if (newest.isPresent()) {
            LOG.info("resuming the {} job from checkpoint {} (to start it without state instead, stop the jobs and"
                    + " remove {})", job.label(), newest.get(), dir.get());
            conf.addAll(RetainedCheckpoints.restoreSettings(newest.get()));
        } else {
            LOG.info("no checkpoint in {}: the {} job starts without state, from the readings topic's committed"
                    + " offsets", dir.get(), job.label());
        }
        return newest;
    }

    /** Configuration of an embedded cluster bound to 127.0.0.1 only (also used by end-to-end tests). */
    public static Configuration localCluster(StreamJobsConfig cfg) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        conf.set(RestOptions.ADDRESS, LOOPBACK);
        conf.set(RestOptions.PORT, cfg.restPort());
        conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
        conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(TaskManagerOptions.HOST, LOOPBACK);
        return conf;
    }
}
