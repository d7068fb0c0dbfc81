package io.hazardwatch.streamjobs.app;

import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both stream jobs in one embedded Flink cluster (one process, one task manager with a slot per subtask of
 * each): one-machine mode ({@link LocalMain}) and the end-to-end tests. Each job is a Flink job of its own, with
 * its own restarts and checkpoints, so the history store's failures never restart detection. Logs each job's
 * status changes as one line naming the job ("history job hazardwatch-history ...: RUNNING -> RESTARTING").
 */
public final class LocalJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalJobs.class);

    private final MiniCluster cluster;
    private final Map<StreamJob, JobClient> jobs = new EnumMap<>(StreamJob.class);
    private final ScheduledExecutorService statusWatch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stream-jobs-status");
        t.setDaemon(true);
        return t;
    });
    private final Map<StreamJob, JobStatus> lastStatus = new EnumMap<>(StreamJob.class);

    private LocalJobs(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /** Both jobs from empty state (or the Kafka groups' committed offsets). */
    public static LocalJobs start(Configuration clusterConf, StreamJobsConfig cfg) throws Exception {
        return start(clusterConf, cfg, Map.of());
    }

    /**
     * Starts the cluster and submits both jobs, wired by {@link JobsMain}.
     *
     * @param clusterConf the cluster's settings, e.g. {@link LocalMain#localCluster}
     * @param restore     per job, settings to start it from a checkpoint ({@link RetainedCheckpoints#restoreSettings});
     *                    a job without an entry starts without state
     */
    public static LocalJobs start(Configuration clusterConf, StreamJobsConfig cfg,
                                  Map<StreamJob, Configuration> restore) throws Exception {
        Configuration conf = new Configuration(clusterConf);
        int slots = StreamJob.values().length * cfg.parallelism();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        cluster.start();
        LocalJobs local = new LocalJobs(cluster);
        try {
            for (StreamJob job : StreamJob.values()) {
                Configuration jobConf = new Configuration(conf);
                jobConf.addAll(restore.getOrDefault(job, new Configuration()));
                local.submit(job, jobConf, cfg);
            }
        } catch (Exception | Error e) {
            local.close();
            throw e;
        }
        local.statusWatch.scheduleWithFixedDelay(local::logStatusChanges, 1, 1, TimeUnit.SECONDS);
        return local;
    }

    private void submit(StreamJob job, Configuration jobConf, StreamJobsConfig cfg) throws Exception {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(jobConf);
        JobsMain.build(job, env, cfg);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(job.jobName());
        // what `env.execute` would take from the configuration: the checkpoint to start from, if any
        graph.setSavepointRestoreSettings(SavepointRestoreSettings.fromConfiguration(jobConf));
        graph.serializeUserDefinedInstances();
        JobID id = cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
        jobs.put(job, new MiniClusterJobClient(id, cluster, Thread.currentThread().getContextClassLoader(),
                MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
        LOG.info("{} job {} started: {}", job.label(), job.jobName(), id);
    }

    /** The running detection job. */
    public JobClient detection() {
        return jobs.get(StreamJob.DETECTION);
    }

    /** The running history job. */
    public JobClient history() {
        return jobs.get(StreamJob.HISTORY);
    }

    public JobClient job(StreamJob job) {
        return jobs.get(job);
    }

    /** Completes when either job has ended (neither should: both restart after failures). */
    public CompletableFuture<Object> anyEnded() {
        return CompletableFuture.anyOf(jobs.values().stream()
                .map(JobClient::getJobExecutionResult).toArray(CompletableFuture[]::new));
    }

    /** Cancels both jobs (their newest checkpoints are retained) and stops the cluster. */
    @Override
    public void close() throws Exception {
        statusWatch.shutdownNow();
        try {
            for (Map.Entry<StreamJob, JobClient> job : jobs.entrySet()) {
                try {
                    job.getValue().cancel().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.warn("cancelling the {} job failed: {}", job.getKey().label(), e.toString());
                }
            }
        } finally {
            cluster.close();
        }
    }

    private void logStatusChanges() {
        for (Map.Entry<StreamJob, JobClient> job : jobs.entrySet()) {
            try {
                JobStatus now = job.getValue().getJobStatus().get(5, TimeUnit.SECONDS);
                JobStatus before = lastStatus.put(job.getKey(), now);
                if (before != null && before != now) {
                    LOG.info("{} job {} {}: {} -> {}", job.getKey().label(), job.getKey().jobName(),
                            job.getValue().getJobID(), before, now);
                }
            } catch (Exception e) {
                // the cluster is shutting down, or busy: the next poll tells
            }
        }
    }
}
