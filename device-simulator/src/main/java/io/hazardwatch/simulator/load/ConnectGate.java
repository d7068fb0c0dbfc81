package io.hazardwatch.simulator.load;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most {@code limit} connect attempts awaiting their CONNACK at once; the others wait their turn in order.
 * Never blocks the caller (callers include event loops): a finished attempt starts the next waiting one.
 */
final class ConnectGate {

    private final int limit;
    private final ArrayDeque<Supplier<CompletableFuture<?>>> waiting = new ArrayDeque<>();
    private int running;

    ConnectGate(int limit) {
        this.limit = limit;
    }

    /** Runs {@code attempt} when a place is free; the place is held until the attempt's future completes. */
    void submit(Supplier<CompletableFuture<?>> attempt) {
        synchronized (this) {
            if (running >= limit) {
                waiting.add(attempt);
                return;
            }
            running++;
        }
        start(attempt);
    }

    private void start(Supplier<CompletableFuture<?>> attempt) {
        CompletableFuture<?> done;
        try {
            done = attempt.get();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((v, err) -> finished());
    }

    private void finished() {
        Supplier<CompletableFuture<?>> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        start(next);
    }
}
