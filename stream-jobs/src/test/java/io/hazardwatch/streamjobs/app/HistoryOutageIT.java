package io.hazardwatch.streamjobs.app;

import static io.hazardwatch.streamjobs.testing.KafkaJobRun.has;
import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmLevel;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.streamjobs.testing.KafkaJobRun;
import io.hazardwatch.streamjobs.testing.TcpForwarder;
import io.hazardwatch.testsupport.FreePort;
import io.hazardwatch.testsupport.TestEnv;
import io.hazardwatch.testsupport.TestRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, finding 1: the history store down must not delay any alarm. The history job writes to a port on
 * which nothing listens until the test opens it, forwarding to the real InfluxDB: "InfluxDB comes back".
 */
class HistoryOutageIT {

    @TempDir
    Path dir;

    private KafkaJobRun run;
    private LocalJobs jobs;
    private TcpForwarder influxBack;

    @AfterEach
    void stop() throws Exception {
        if (jobs != null) {
            jobs.close();
        }
        if (influxBack != null) {
            influxBack.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    @Timeout(120)
    void withInfluxDbUnreachableALeakIsRaisedWithinSecondsAndTheReadingsAreStoredOnceItIsBack() throws Exception {
        int influxPort = FreePort.find();
        run = new KafkaJobRun(TestRegistry.write(dir), 2_000, "http://127.0.0.1:" + influxPort);
        jobs = LocalJobs.start(LocalMain.localCluster(run.cfg), run.cfg);
        Thread.sleep(5_000); // the job is up, the store's set-up has met the closed port

        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3);
        long sent = System.nanoTime();
        run.gas(start, 0, 10, 55, 60);
        List<AlarmEvent> alarms = run.alarmsUntil(has(AlarmEvent.THRESHOLD, AlarmTransition.RAISED, 1),
                Duration.ofSeconds(30));
        long waitedMs = (System.nanoTime() - sent) / 1_000_000;

        assertThat(alarms).filteredOn(e -> e.alarmType().equals(AlarmEvent.THRESHOLD))
                .extracting(AlarmEvent::transition, AlarmEvent::level)
                .as("alarms while InfluxDB is unreachable")
                .first().isEqualTo(org.assertj.core.api.Assertions.tuple(AlarmTransition.RAISED, AlarmLevel.SECOND));
        assertThat(waitedMs).as("ms from readings sent to RAISED on the alarms topic").isLessThan(5_000);
        assertThat(run.storedReadings()).as("readings in InfluxDB while it is unreachable").isZero();

        // detection beats on through the outage; the history job, restarting, sends nothing (the watchdog sees it silent)
        List<Heartbeat> during = run.heartbeatsUntil(all -> all.stream()
                .anyMatch(h -> h.stage() == Heartbeat.Stage.DETECTION && h.lagMillis() != null), Duration.ofSeconds(20));
        assertThat(during).as("heartbeats while InfluxDB is unreachable")
                .anyMatch(h -> h.stage() == Heartbeat.Stage.DETECTION)
                .noneMatch(h -> h.stage() == Heartbeat.Stage.HISTORY);

        // InfluxDB is back: the history job, restarting all along, gets through and catches up from Kafka
        URI influx = URI.create(TestEnv.influxUrl());
        Instant backAt = Instant.now();
        influxBack = TcpForwarder.open(influxPort, influx.getHost(), influx.getPort());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (run.storedReadings() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(run.storedReadings()).as("readings in InfluxDB once it is back").isEqualTo(3);
        List<Heartbeat> after = run.heartbeatsUntil(all -> all.stream()
                .anyMatch(h -> h.stage() == Heartbeat.Stage.HISTORY), Duration.ofSeconds(20));
        assertThat(after).filteredOn(h -> h.stage() == Heartbeat.Stage.HISTORY).as("history heartbeats once it is back")
                .isNotEmpty().allSatisfy(h -> assertThat(h.time()).isAfter(backAt));
        assertThat(jobs.detection().getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    }
}
