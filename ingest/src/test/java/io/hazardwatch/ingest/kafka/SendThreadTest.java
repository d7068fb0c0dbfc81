package io.hazardwatch.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendThreadTest {

    @Test
    void runsEachSubmittersTasksInTheirOrderAndAllOfThem() throws Exception {
        SendThread thread = new SendThread("test-send", Duration.ofMillis(1));
        List<int[]> ran = Collections.synchronizedList(new ArrayList<>());
        int perSubmitter = 20_000;
        List<Thread> submitters = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            int submitter = s;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perSubmitter; i++) {
                    int n = i;
                    thread.execute(() -> ran.add(new int[] {submitter, n}));
                    if (i % 1000 == 0) {
                        sleep(2); // lets the thread run dry and park now and then
                    }
                }
            });
            submitters.add(t);
            t.start();
        }
        for (Thread t : submitters) {
            t.join();
        }
        assertThat(thread.close(Duration.ofSeconds(5))).isTrue();

        assertThat(ran).hasSize(2 * perSubmitter);
        int[] next = new int[2];
        synchronized (ran) {
            for (int[] task : ran) {
                assertThat(task[1]).as("task of submitter %d", task[0]).isEqualTo(next[task[0]]++);
            }
        }
    }

    /** A task that throws, even an Error (a codec's library that cannot load), leaves the thread to the next one. */
    @Test
    void aTaskThatThrowsAnErrorDoesNotStopTheTasksAfterIt() throws Exception {
        SendThread thread = new SendThread("test-send", Duration.ofMillis(1));
        thread.execute(() -> {
            throw new UnsatisfiedLinkError("no libzstd-jni here");
        });
        thread.execute(() -> {
            throw new IllegalStateException("a bug");
        });
        CountDownLatch next = new CountDownLatch(1);
        thread.execute(next::countDown);
        assertThat(next.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(thread.close(Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void wakesForATaskSubmittedAfterItHasParked() throws Exception {
        SendThread thread = new SendThread("test-send", Duration.ofMillis(1));
        for (int round = 0; round < 3; round++) {
            Thread.sleep(50); // idle: parked until woken
            CountDownLatch done = new CountDownLatch(1);
            thread.execute(done::countDown);
            assertThat(done.await(2, TimeUnit.SECONDS)).as("round %d", round).isTrue();
        }
        thread.close(Duration.ofSeconds(2));
    }

    @Test
    void closeRunsWhatIsQueuedAndRefusesMore() throws Exception {
        SendThread thread = new SendThread("test-send", Duration.ofMillis(50));
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        thread.execute(() -> ran.add(0));
        Thread.sleep(10); // the thread took the first task and sleeps its turn
        for (int i = 1; i <= 100; i++) {
            int n = i;
            thread.execute(() -> ran.add(n));
        }
        assertThat(thread.close(Duration.ofSeconds(2))).isTrue();
        assertThat(ran).hasSize(101);
        assertThatThrownBy(() -> thread.execute(() -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingTaskDoesNotStopTheOnesAfterIt() throws Exception {
        SendThread thread = new SendThread("test-send", Duration.ofMillis(1));
        CountDownLatch after = new CountDownLatch(1);
        thread.execute(() -> {
            throw new IllegalStateException("a bug in a task");
        });
        thread.execute(after::countDown);
        assertThat(after.await(2, TimeUnit.SECONDS)).isTrue();
        thread.close(Duration.ofSeconds(2));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
