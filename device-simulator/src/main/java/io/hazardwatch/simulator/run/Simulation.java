package io.hazardwatch.simulator.run;

import io.hazardwatch.simulator.scenario.SignalGenerator;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The tick loop: every interval, sample all sensors at the tick's scheduled time and publish them; print a
 * summary line now and then and once at the end. The signal uses the scheduled time, not the wall clock,
 * so a slow publish shifts when a value is sent but not which value it is.
 */
public final class Simulation {

    /**
     * @param interval     time between ticks
     * @param duration     how long to run; zero runs until {@link #stop()}
     * @param summaryEvery how often to print the running totals
     */
    public record Settings(Duration interval, Duration duration, Duration summaryEvery) {
    }

    private final SignalGenerator signals;
    private final TickPublisher publisher;
    private final Settings settings;
    private final PrintWriter out;
    private final Clock clock;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public Simulation(SignalGenerator signals, TickPublisher publisher, Settings settings, PrintWriter out,
                      Clock clock) {
        this.signals = signals;
        this.publisher = publisher;
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    /** Runs until the duration is over or {@link #stop()} is called; returns the final counts. */
    public PublishCounts run() throws InterruptedException {
        long intervalNanos = settings.interval().toNanos();
        long durationNanos = settings.duration().toNanos();
        long summaryNanos = settings.summaryEvery().toNanos();
        long start = System.nanoTime();
        long nextSummary = summaryNanos;
        long tick = 0;
        while (durationNanos == 0 || tick * intervalNanos < durationNanos) {
            Duration scheduled = Duration.ofNanos(tick * intervalNanos);
            publisher.gatewaysOffline(signals.offlineGateways(scheduled));
            publisher.publish(signals.sample(scheduled),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            long elapsed = System.nanoTime() - start;
            if (elapsed >= nextSummary) {
                printSummary("t+" + seconds(elapsed) + "s");
                while (nextSummary <= elapsed) {
                    nextSummary += summaryNanos;
                }
            }
            tick = nextTick(tick, System.nanoTime() - start, intervalNanos);
            long wait = tick * intervalNanos - (System.nanoTime() - start);
            if (stopRequested.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        printSummary("done after " + seconds(System.nanoTime() - start) + "s");
        return publisher.counts();
    }

    /** Ends {@link #run()} after the tick in progress. */
    public void stop() {
        stopRequested.countDown();
    }

    /**
     * The tick to publish next: the following one, or, when publishing fell more than a whole interval
     * behind, the latest one already due; missed ticks are skipped rather than sent in a burst.
     */
    static long nextTick(long tick, long elapsedNanos, long intervalNanos) {
        return Math.max(tick + 1, elapsedNanos / intervalNanos);
    }

    private void printSummary(String when) {
        out.println(when + ": " + publisher.counts());
        out.flush();
    }

    private static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }
}
