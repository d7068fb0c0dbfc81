package io.hazardwatch.streamjobs.influx;

import static io.hazardwatch.streamjobs.influx.InfluxPointWriter.MAX_BATCHES_IN_FLIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hazardwatch.model.Heartbeat;
import io.hazardwatch.model.Reading;
import io.hazardwatch.model.SensorType;
import io.hazardwatch.streamjobs.heartbeat.HistoryPulse;
import io.hazardwatch.testsupport.FreePort;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer against a fake InfluxDB ({@link FakeInfluxServer}) that can be slow or broken. Calls that may
 * block go through {@link #onTask}, a single thread standing in for the task's mailbox thread.
 */
@Timeout(30)
class InfluxPointWriterTest {

    private static final int BATCH = 2;
    /** Long enough to tell a call that waits from one that returned at once. */
    private static final Duration WAITING = Duration.ofMillis(300);

    private final String database = "hw_test_" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService task = Executors.newSingleThreadExecutor();
    private final TestProcessingTimeService timers = new TestProcessingTimeService();
    private final Instant start = Instant.now();
    private FakeInfluxServer influxDb;
    private InfluxPointWriter<Reading> writer;

    @BeforeEach
    void startInfluxDbAndWriter() throws Exception {
        influxDb = FakeInfluxServer.start();
        timers.setCurrentTime(0);
        writer = new InfluxPointWriter<>(InfluxPointSink.connect(influxDb.url()),
                new InfluxSettings(influxDb.url(), database, "thirty_days", BATCH, Duration.ofSeconds(1), 3,
                        Duration.ofMillis(50)),
                timers, ReadingPoints::toLine);
    }

    @AfterEach
    void stop() {
        influxDb.release();
        task.shutdownNow();
        writer.close();
        influxDb.close();
    }

    @Test
    void aFullBatchIsWrittenInTheBackgroundAndTheTaskWaitsOnlyWhenTheBoundOfBatchesIsInFlight() throws Exception {
        // GIVEN an InfluxDB that takes its time
        influxDb.hold();

        // WHEN the task writes as many full batches as may be in flight, THEN none of them holds it up
        onTask(() -> write(0, MAX_BATCHES_IN_FLIGHT * BATCH)).get(5, TimeUnit.SECONDS);
        assertThat(influxDb.awaitReceived(1, Duration.ofSeconds(5))).as("the first batch is on its way").isTrue();
        assertThat(influxDb.pointsStored()).isZero();

        // AND the next full batch waits for room: back-pressure
        Future<?> next = onTask(() -> write(MAX_BATCHES_IN_FLIGHT * BATCH, BATCH));
        assertThatThrownBy(() -> next.get(WAITING.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        // WHEN InfluxDB answers, THEN the task goes on and everything arrives, one request at a time
        influxDb.release();
        next.get(5, TimeUnit.SECONDS);
        onTask(() -> writer.flush(false)).get(5, TimeUnit.SECONDS);
        assertThat(influxDb.pointsStored()).isEqualTo((MAX_BATCHES_IN_FLIGHT + 1) * BATCH);
        assertThat(influxDb.mostWritesAtOnce()).as("one writer thread").isEqualTo(1);
    }

    @Test
    void flushReturnsOnlyOnceEveryPointHandedOverOrBufferedIsInInfluxDb() throws Exception {
        influxDb.hold();
        onTask(() -> write(0, BATCH + 1)).get(5, TimeUnit.SECONDS);
        assertThat(influxDb.awaitReceived(1, Duration.ofSeconds(5))).as("the full batch is on its way").isTrue();

        Future<?> flush = onTask(() -> writer.flush(false));

        assertThatThrownBy(() -> flush.get(WAITING.toMillis(), TimeUnit.MILLISECONDS))
                .as("a checkpoint waits for the write").isInstanceOf(TimeoutException.class);
        influxDb.release();
        flush.get(5, TimeUnit.SECONDS);
        assertThat(influxDb.pointsStored()).isEqualTo(BATCH + 1);
    }

    @Test
    void theFlushTimerHandsOverTheBufferButNeverWaitsForRoom() throws Exception {
        influxDb.hold();
        write(0, 1);
        timers.setCurrentTime(1_000);
        assertThat(influxDb.awaitReceived(1, Duration.ofSeconds(5))).as("the interval passed").isTrue();
        assertThat(influxDb.received()).containsExactly(1);

        // the timer runs on the task thread too; with no room it leaves the points for the next batch
        write(1, (MAX_BATCHES_IN_FLIGHT - 1) * BATCH + 1);
        timers.setCurrentTime(2_000);

        influxDb.release();
        writer.flush(false);
        assertThat(influxDb.pointsStored()).isEqualTo(1 + (MAX_BATCHES_IN_FLIGHT - 1) * BATCH + 1);
    }

    @Test
    void aWriteThatFailsForGoodFailsTheNextWriteAndEveryFlush() throws Exception {
        // GIVEN an InfluxDB that refuses the points (not worth a retry)
        influxDb.answerWithError(400, "partial write: field type conflict: input field \"value\" is type float");

        write(0, BATCH);
        Throwable failed = nextWriteThatThrows();

        assertThat(failed).isInstanceOf(IOException.class)
                .hasMessageContaining("writing " + BATCH + " points")
                .hasMessageContaining("after 1 attempt(s)")
                .hasMessageContaining("field type conflict");
        assertThatThrownBy(() -> writer.flush(false)).as("the job fails and restarts from its checkpoint")
                .isInstanceOf(IOException.class).hasMessageContaining("writing " + BATCH + " points");
    }

    @Test
    void failedWriteIsRetriedWithBackOffThenFailsTheFlushAndEveryLaterCall() throws Exception {
        String deadInflux = "http://127.0.0.1:" + FreePort.find();
        InfluxSettings settings = new InfluxSettings(deadInflux, "hw_test", "thirty_days", 500,
                Duration.ofSeconds(1), 3, Duration.ofMillis(50));
        InfluxPointWriter<Reading> deadWriter = new InfluxPointWriter<>(InfluxPointSink.connect(deadInflux), settings,
                new TestProcessingTimeService(), ReadingPoints::toLine);
        deadWriter.write(reading(0), null);

        long began = System.nanoTime();
        assertThatThrownBy(() -> deadWriter.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("writing 1 points")
                .hasMessageContaining("after 3 attempt(s)");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("backed off 50 + 100 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));

        assertThatThrownBy(() -> deadWriter.write(reading(1), null)).as("the failure stays until the restart")
                .isInstanceOf(IOException.class).hasMessageContaining("writing 1 points");
        assertThatThrownBy(() -> deadWriter.flush(true))
                .isInstanceOf(IOException.class).hasMessageContaining("writing 1 points");
        deadWriter.close();
    }

    @Test
    void theHeartbeatReportsTheNewestPointWrittenAndSinceWhenWritesFailUntilOneSucceeds() throws Exception {
        writer.close();
        HistoryPulse pulse = new HistoryPulse(1);
        writer = new InfluxPointWriter<>(InfluxPointSink.connect(influxDb.url()),
                new InfluxSettings(influxDb.url(), database, "thirty_days", BATCH, Duration.ofSeconds(1), 10,
                        Duration.ofMillis(100)),
                timers, ReadingPoints::toLine, pulse, null);
        write(0, BATCH);
        writer.flush(false);
        assertThat(pulse.next(Instant.now())).satisfies(fine -> {
            assertThat(fine.stage()).isEqualTo(Heartbeat.Stage.HISTORY);
            assertThat(fine.instance()).isEqualTo("history-1");
            assertThat(fine.eventTime()).isEqualTo(reading(BATCH - 1).eventTime().truncatedTo(ChronoUnit.MILLIS));
            assertThat(fine.failingSince()).isNull();
            assertThat(fine.detail()).isNull();
        });

        // GIVEN InfluxDB failing (worth a retry) WHEN a batch is handed over THEN the heartbeat says since when
        Instant beforeFailure = Instant.now();
        influxDb.answerWithError(500, "timeout");
        write(BATCH, BATCH);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (pulse.next(Instant.now()).failingSince() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Heartbeat failing = pulse.next(Instant.now());
        assertThat(failing.failingSince()).isAfterOrEqualTo(beforeFailure);
        assertThat(failing.detail()).contains("timeout");
        assertThat(failing.eventTime()).as("the newest point written is still the old one")
                .isEqualTo(reading(BATCH - 1).eventTime().truncatedTo(ChronoUnit.MILLIS));

        // WHEN a retry gets through THEN the failure is over
        influxDb.answerWithError(204, "");
        writer.flush(false);
        Heartbeat recovered = pulse.next(Instant.now());
        assertThat(recovered.failingSince()).isNull();
        assertThat(recovered.eventTime()).isEqualTo(reading(2 * BATCH - 1).eventTime().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void pointsBeyondTheRetentionPolicyAreDroppedWithoutFailingTheJob() throws Exception {
        influxDb.answerWithError(400, "partial write: points beyond retention policy dropped=2");
        write(0, BATCH);
        writer.flush(false);

        influxDb.answerWithError(204, "");
        write(BATCH, 1);
        writer.flush(true);

        assertThat(influxDb.received()).containsExactly(BATCH, 1);
        assertThat(influxDb.pointsStored()).isEqualTo(1);
    }

    @Test
    void closeStopsTheWriterThreadAndWritesNothing() throws Exception {
        String threadName = "influx-writer-" + database + ".thirty_days";
        assertThat(writerThreadAlive(threadName)).as("started with the writer").isTrue();
        write(0, 1);

        writer.close();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (writerThreadAlive(threadName) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(writerThreadAlive(threadName)).isFalse();
        assertThat(influxDb.received()).as("points since the checkpoint are replayed, not written").isEmpty();
    }

    private Future<?> onTask(TaskCall call) {
        return task.submit(() -> {
            call.run();
            return null;
        });
    }

    private void write(int from, int count) throws IOException, InterruptedException {
        for (int i = from; i < from + count; i++) {
            writer.write(reading(i), null);
        }
    }

    /** Writes a reading every 10 ms until a write throws, for at most 5 s; the throwable, or null. */
    private Throwable nextWriteThatThrows() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (int i = 1_000; System.nanoTime() < deadline; i++) {
            try {
                writer.write(reading(i), null);
            } catch (IOException e) {
                return e;
            }
            Thread.sleep(10);
        }
        return null;
    }

    private Reading reading(int i) {
        Instant at = start.plusMillis(i);
        return new Reading(Reading.SCHEMA, "ent-a", "tank-1", "lel-1", SensorType.COMBUSTIBLE_GAS, 12.5 + i,
                "%LEL", at, at);
    }

    @FunctionalInterface
    private interface TaskCall {
        void run() throws Exception;
    }

    private static boolean writerThreadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(name) && t.isAlive() && t.isDaemon());
    }
}
