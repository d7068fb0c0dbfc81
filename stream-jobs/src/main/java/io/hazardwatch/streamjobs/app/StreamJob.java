package io.hazardwatch.streamjobs.app;

import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import io.hazardwatch.streamjobs.job.DetectionJob;
import io.hazardwatch.streamjobs.job.HistoryJob;
import java.util.Locale;

/**
 * The two jobs the stream-jobs module runs, each in a failure domain of its own: what they are called (on the
 * cluster and in the log) and where their checkpoints go.
 */
public enum StreamJob {
    /** Readings → detection and offline → alarms on Kafka ({@link DetectionJob}). */
    DETECTION("hazardwatch-detection"),
    /** Readings → InfluxDB, raw and 1-minute aggregates ({@link HistoryJob}). */
    HISTORY("hazardwatch-history");

    private final String jobName;

    StreamJob(String jobName) {
        this.jobName = jobName;
    }

    /** The job's name on the Flink cluster (web UI, REST API, Flink's own log lines). */
    public String jobName() {
        return jobName;
    }

    /** Short name for the log and {@code --job}: "detection", "history". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Where this job's checkpoints go: a subdirectory of {@code checkpoint.dir} named by {@link #label()}, so
     * that each job resumes from its own (their state has nothing in common).
     */
    public String checkpointDir(StreamJobsConfig cfg) {
        String dir = cfg.checkpointDir();
        return (dir.endsWith("/") ? dir : dir + "/") + label();
    }
}
