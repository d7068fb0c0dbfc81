package io.hazardwatch.streamjobs;

import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-machine mode: the threshold job in an embedded Flink cluster that listens on 127.0.0.1 only, with its
 * REST API on {@code flink.rest.port}. Starts from the newest checkpoint an earlier run left in
 * {@code checkpoint.dir}, if any. Blocks until the job ends or the process is stopped.
 * {@code java -cp target/classes:$(cat target/classpath.txt) io.hazardwatch.streamjobs.LocalMain [stream-jobs.properties]}
 */
public final class LocalMain {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMain.class);
    private static final String LOOPBACK = "127.0.0.1";

    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        Path[] resumed = {null};
        StreamExecutionEnvironment env = ThresholdJobMain.wireOrExit(args, cfg -> {
            Configuration conf = localCluster(cfg);
            resumed[0] = resumeFromNewestCheckpoint(conf, cfg).orElse(null);
            return StreamExecutionEnvironment.createLocalEnvironment(conf);
        });
        try {
            env.execute(ThresholdJobMain.JOB_NAME);
        } catch (Exception e) {
            if (resumed[0] != null) {
                LOG.error("the job failed after resuming from {}; if that checkpoint cannot be restored (say, an upgrade"
                        + " changed the job's state), move {} away to start without state", resumed[0],
                        resumed[0].getParent().getParent());
            }
            throw e;
        }
    }

    /**
     * Makes {@code conf} start the job from the newest complete checkpoint in {@code checkpoint.dir}, if there is
     * one ({@link RetainedCheckpoints}), and removes what earlier jobs left there that it supersedes. Without one
     * the job starts with empty state from the readings topic's committed offsets.
     *
     * @return the checkpoint resumed from
     */
    static Optional<Path> resumeFromNewestCheckpoint(Configuration conf, StreamJobsConfig cfg) {
        Optional<Path> dir = RetainedCheckpoints.localDirectory(cfg.checkpointDir());
        if (dir.isEmpty()) {
            LOG.info("checkpoint.dir {} is not a local directory: the job starts without state, from the readings"
                    + " topic's committed offsets", cfg.checkpointDir());
            return Optional.empty();
        }
        Optional<Path> newest = RetainedCheckpoints.newest(dir.get());
        RetainedCheckpoints.removeSuperseded(dir.get(), newest.orElse(null));
        if (newest.isPresent()) {
            LOG.info("resuming from checkpoint {} (to start without state instead, stop the job and remove {})",
                    newest.get(), dir.get());
            conf.addAll(RetainedCheckpoints.restoreSettings(newest.get()));
        } else {
            LOG.info("no checkpoint in {}: the job starts without state, from the readings topic's committed offsets",
                    dir.get());
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
