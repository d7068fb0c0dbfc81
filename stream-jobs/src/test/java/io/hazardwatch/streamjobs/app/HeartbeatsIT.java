package io.hazardwatch.streamjobs.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.streamjobs.testing.KafkaJobRun;
import io.hazardwatch.testsupport.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both jobs as one-machine mode runs them send heartbeats to the heartbeats topic every 5 s per subtask: the
 * detection subtasks with their lag while fed and none when idle, the history writers with the newest event time
 * they wrote.
 */
class HeartbeatsIT {

    @TempDir
    Path dir;

    private KafkaJobRun run;
    private LocalJobs jobs;

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
    void detectionReportsItsLagWhileFedAndNoLagWhenIdleAndHistoryReportsWhatItWrote() throws Exception {
        run = new KafkaJobRun(TestRegistry.write(dir), 2_000);
        jobs = LocalJobs.start(LocalMain.localCluster(run.cfg), run.cfg);

        // fed: a reading every 250 ms for 7 s, so at least one whole heartbeat interval sees readings
        Instant feedStart = Instant.now();
        for (int i = 0; i < 28; i++) {
            run.gasNow(5);
            Thread.sleep(250);
        }
        Instant feedEnd = Instant.now();

        Predicate<Heartbeat> fed = h -> h.stage() == Heartbeat.Stage.DETECTION && h.lagMillis() != null;
        // idle: a heartbeat of the same subtask sent a whole interval after the last reading, by when event time has
        // moved past the readings (the silent input lets the watermark follow the wall clock)
        Predicate<Heartbeat> idleAfterwards = h -> h.stage() == Heartbeat.Stage.DETECTION
                && h.time().isAfter(feedEnd.plusSeconds(5)) && h.lagMillis() == null
                && h.eventTime() != null && h.eventTime().isAfter(feedEnd);
        Predicate<Heartbeat> history = h -> h.stage() == Heartbeat.Stage.HISTORY && h.eventTime() != null;
        List<Heartbeat> beats = run.heartbeatsUntil(all -> all.stream().anyMatch(fed)
                && all.stream().anyMatch(history)
                && all.stream().filter(fed).anyMatch(f -> all.stream().filter(idleAfterwards)
                        .anyMatch(i -> i.instance().equals(f.instance()))), Duration.ofSeconds(60));

        Heartbeat whileFed = beats.stream().filter(fed).findFirst().orElseThrow(
                () -> new AssertionError("no DETECTION heartbeat with a lag: " + beats));
        assertThat(whileFed.instance()).matches("detection-[01]");
        assertThat(whileFed.lagMillis()).as("judged within a few seconds of the gateway").isBetween(0L, 5_000L);
        assertThat(whileFed.detail()).matches("readings=[1-9]\\d* in the last 5 s");
        assertThat(beats).filteredOn(idleAfterwards).as("idle afterwards: no lag")
                .anySatisfy(h -> {
                    assertThat(h.instance()).isEqualTo(whileFed.instance());
                    assertThat(h.detail()).isEqualTo("readings=0 in the last 5 s");
                    assertThat(h.eventTime()).as("the watermark, read while idle").isAfter(feedEnd);
                });
        assertThat(beats).filteredOn(history).as("the history writer's heartbeats").allSatisfy(h -> {
            assertThat(h.instance()).matches("history-[01]");
            assertThat(h.failingSince()).isNull();
            assertThat(h.eventTime()).isBetween(feedStart.minusSeconds(1), feedEnd.plusSeconds(1));
        });
    }
}
