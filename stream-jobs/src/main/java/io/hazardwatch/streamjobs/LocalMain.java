package io.hazardwatch.streamjobs;

import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One-machine mode: the threshold job in an embedded Flink cluster that listens on 127.0.0.1 only, with its
 * REST API on {@code flink.rest.port}. Blocks until the job ends or the process is stopped.
 * {@code java -cp target/classes:$(cat target/classpath.txt) io.hazardwatch.streamjobs.LocalMain [stream-jobs.properties]}
 */
public final class LocalMain {

    private static final String LOOPBACK = "127.0.0.1";

    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        ThresholdJobMain.wireOrExit(args, cfg -> StreamExecutionEnvironment.createLocalEnvironment(localCluster(cfg)))
                .execute(ThresholdJobMain.JOB_NAME);
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
