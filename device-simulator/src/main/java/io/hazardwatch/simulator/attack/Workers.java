package io.hazardwatch.simulator.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs a phase's inputs on a few threads until the count is sent or the phase's time is up. */
final class Workers {

    private Workers() {
    }

    /**
     * Calls {@code input} with 0 … count-1 (each number once) on {@code threads} threads; stops taking new numbers
     * at {@code deadlineNanos}. Returns how many were run.
     */
    static int run(int count, long deadlineNanos, int threads, IntConsumer input) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < Math.max(1, threads); t++) {
            Thread thread = new Thread(() -> {
                int i;
                while (System.nanoTime() < deadlineNanos && (i = next.getAndIncrement()) < count) {
                    input.accept(i);
                }
            }, "attack-" + t);
            thread.setDaemon(true);
            running.add(thread);
            thread.start();
        }
        for (Thread thread : running) {
            thread.join();
        }
        return Math.min(next.get(), count);
    }
}
