package io.hazardwatch.streamjobs.app;

import static io.hazardwatch.streamjobs.testing.KafkaJobRun.has;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hazardwatch.model.AlarmEvent;
import io.hazardwatch.model.AlarmTransition;
import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.config.InfluxCredentials;
import io.hazardwatch.streamjobs.config.StreamJobsConfig;
import io.hazardwatch.streamjobs.testing.KafkaJobRun;
import io.hazardwatch.testsupport.PrivateInfluxDb;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: both jobs against an InfluxDB with logins (a test's own, set up as {@code deploy/infra.sh} does). The
 * history job writes as the writer, who may not create databases; with a wrong password detection goes on and the
 * history job falls silent, which the watchdog shows as the history store DEGRADED.
 */
class HistoryLoginIT {

    private static final Pattern COUNT = Pattern.compile(",(\\d+)\\]");

    @TempDir
    static Path influxDir;
    @TempDir
    Path dir;

    private static PrivateInfluxDb influx;
    private KafkaJobRun run;
    private LocalJobs jobs;

    @BeforeAll
    static void startInflux() {
        assumeTrue(PrivateInfluxDb.available(), "influxd is not installed");
        influx = PrivateInfluxDb.start(influxDir.resolve("influx"));
    }

    @AfterAll
    static void stopInflux() {
        if (influx != null) {
            influx.close();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (jobs != null) {
            jobs.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    @Timeout(120)
    void theHistoryJobStoresReadingsAsTheWriter() throws Exception {
        StreamJobsConfig cfg = start(influx.writer());

        run.gas(Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5), 0, 10, 11, 12);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (stored(cfg) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(stored(cfg)).as("readings the reader finds in InfluxDB").isEqualTo(3);
        List<Heartbeat> beats = run.heartbeatsUntil(all -> all.stream()
                .anyMatch(h -> h.stage() == Heartbeat.Stage.HISTORY), Duration.ofSeconds(20));
        assertThat(beats).filteredOn(h -> h.stage() == Heartbeat.Stage.HISTORY).isNotEmpty()
                .allSatisfy(h -> assertThat(h.failingSince()).isNull());
    }

    @Test
    @Timeout(120)
    void withAWrongPasswordAlarmsAreRaisedAndTheHistoryJobFallsSilent() throws Exception {
        StreamJobsConfig cfg = start(InfluxCredentials.of(influx.writer().username(), "not-the-password"));
        Thread.sleep(3_000); // the history job's writers have met the refusal

        run.gas(Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3), 0, 10, 55, 60);

        assertThat(run.alarmsUntil(has(AlarmEvent.THRESHOLD, AlarmTransition.RAISED, 1), Duration.ofSeconds(30)))
                .as("detection does not depend on InfluxDB's login")
                .anyMatch(e -> e.transition() == AlarmTransition.RAISED);
        List<Heartbeat> beats = run.heartbeatsUntil(all -> all.stream()
                .anyMatch(h -> h.stage() == Heartbeat.Stage.DETECTION && h.lagMillis() != null), Duration.ofSeconds(20));
        assertThat(beats).anyMatch(h -> h.stage() == Heartbeat.Stage.DETECTION)
                .as("no HISTORY heartbeat: the watchdog calls the history store DEGRADED")
                .noneMatch(h -> h.stage() == Heartbeat.Stage.HISTORY);
        assertThat(stored(cfg)).isZero();
    }

    private StreamJobsConfig start(InfluxCredentials login) throws Exception {
        run = new KafkaJobRun(TestRegistry.write(dir), 2_000, influx.url());
        influx.createDatabase(run.cfg.influxDatabase());
        StreamJobsConfig cfg = run.cfg.withInfluxLogin(login);
        jobs = LocalJobs.start(LocalMain.localCluster(cfg), cfg);
        return cfg;
    }

    private static long stored(StreamJobsConfig cfg) {
        String body = influx.query(influx.reader(), cfg.influxDatabase(),
                "SELECT count(value) FROM thirty_days.reading WHERE sensor = '" + KafkaJobRun.GAS.sensor() + "'").body();
        Matcher m = COUNT.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
