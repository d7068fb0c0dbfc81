package io.hazardwatch.ingest.limits;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway-wide bound on messages handed to Kafka and not yet acknowledged. A connection that finds it
 * exhausted stops reading its socket and registers a waiter; each release wakes one waiter. Thread-safe.
 */
public final class InFlightBudget {

    private final int max;
    private final AtomicInteger used = new AtomicInteger();
    private final Queue<Runnable> waiters = new ConcurrentLinkedQueue<>();

    public InFlightBudget(int max) {
        this.max = max;
    }

    /** Takes one slot if one is free. */
    public boolean tryAcquire() {
        while (true) {
            int now = used.get();
            if (now >= max) {
                return false;
            }
            if (used.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Returns a slot and wakes the longest-waiting connection, if any. */
    public void release() {
        used.decrementAndGet();
        wakeOne();
    }

    /** Runs {@code waiter} (once) after a later release; it should try {@link #tryAcquire} again. */
    public void whenAvailable(Runnable waiter) {
        waiters.add(waiter);
        // a release between the caller's failed tryAcquire and this registration must not be missed
        if (used.get() < max) {
            wakeOne();
        }
    }

    /** Passes a wake-up on, for a woken waiter that no longer needs the slot. */
    public void wakeOne() {
        Runnable waiter = waiters.poll();
        if (waiter != null) {
            waiter.run();
        }
    }

    public int inFlight() {
        return used.get();
    }

    public int max() {
        return max;
    }
}
