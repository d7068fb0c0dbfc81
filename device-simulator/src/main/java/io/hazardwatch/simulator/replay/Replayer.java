package io.hazardwatch.simulator.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes a recording in its order, each message at its original offset from the first divided by the speed
 * (or back to back when {@code speed} is 0 = as fast as possible). Publishing is asynchronous with a bounded
 * number in flight, so a slow PUBACK delays later messages only once the bound is reached, and never reorders
 * them: MQTT delivers one connection's messages in order.
 */
public final class Replayer {

    /** Where replayed messages go (MQTT in production). */
    public interface Sink {
        CompletableFuture<Void> publish(String topic, byte[] payload);
    }

    /**
     * @param speed       1 = real time, 10 = ten times faster, 0 = as fast as possible
     * @param shiftToNow  move reading timestamps so that the first message is stamped with the replay's start
     * @param maxInflight most messages awaiting acknowledgement
     */
    public record Settings(double speed, boolean shiftToNow, int maxInflight) {
    }

    public record Result(long published, long failed, Duration took) {
    }

    private final Sink sink;
    private final Settings settings;
    private final PrintWriter out;

    public Replayer(Sink sink, Settings settings, PrintWriter out) {
        this.sink = sink;
        this.settings = settings;
        this.out = out;
    }

    /** When message {@code i} is due, in nanoseconds after the replay started. */
    static long dueNanos(Instant first, Instant at, double speed) {
        if (speed == 0) {
            return 0;
        }
        long offsetNanos = Math.max(0, Duration.between(first, at).toNanos());
        return (long) (offsetNanos / speed);
    }

    public Result replay(List<RecordedMessage> messages) throws InterruptedException {
        if (messages.isEmpty()) {
            return new Result(0, 0, Duration.ZERO);
        }
        Instant first = messages.get(0).at();
        Duration shift = settings.shiftToNow() ? Duration.between(first, Instant.now()) : Duration.ZERO;
        Semaphore inflight = new Semaphore(settings.maxInflight());
        LongAdder published = new LongAdder();
        LongAdder failed = new LongAdder();
        long start = System.nanoTime();
        long nextProgress = start + TimeUnit.SECONDS.toNanos(5);
        for (int i = 0; i < messages.size(); i++) {
            RecordedMessage m = messages.get(i);
            long due = start + dueNanos(first, m.at(), settings.speed());
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 50_000_000));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            inflight.acquire();
            sink.publish(m.topic(), TimestampShift.shift(m.payload(), shift)).whenComplete((v, e) -> {
                (e == null ? published : failed).increment();
                inflight.release();
            });
            if (System.nanoTime() >= nextProgress) {
                out.printf(Locale.ROOT, "replayed %d/%d messages%n", i + 1, messages.size());
                out.flush();
                nextProgress += TimeUnit.SECONDS.toNanos(5);
            }
        }
        if (!inflight.tryAcquire(settings.maxInflight(), 10, TimeUnit.SECONDS)) {
            out.println("some messages were not acknowledged within 10 s");
        }
        return new Result(published.sum(), failed.sum(), Duration.ofNanos(System.nanoTime() - start));
    }
}
