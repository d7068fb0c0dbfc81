package io.hazardwatch.ingest.kafka;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that hands records to the Kafka producer, in the order they were submitted.
 *
 * <p>An executor thread parks whenever its queue runs empty, so at a steady stream of messages every one of them
 * cost a wake-up (a futex call on the event loop, a context switch here): ~7 000 a second at 10 000 readings/s,
 * on two cores shared with everything else. This thread instead takes what has arrived in turns: after a turn that
 * found work it sleeps one {@code turn} and then takes everything queued meanwhile, so under load it wakes once
 * per turn, however many messages arrive. Only when a turn found nothing does it park until the next submission
 * wakes it. Hand-written on purpose, not an executor: gateway CPU 52 → 40 % of a core at 10 000 readings/s
 * (docs/benchmarks.md).
 *
 * <p>The turn is taken only when the last one was busy ({@link #BUSY_TURN} tasks or more): at a low rate — a
 * hundred devices sending ten readings a second each — a turn would make most messages wait for it (up to a
 * whole turn on a PUBACK of ~1 ms), for no wake-up saved. There the thread parks after each task and the next
 * submission wakes it at once.
 */
final class SendThread {

    private static final Logger LOG = LoggerFactory.getLogger(SendThread.class);

    /** Tasks one turn must have found for the next to wait a turn: below, waking per task is cheaper than waiting. */
    static final int BUSY_TURN = 4;

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean parked = new AtomicBoolean();
    private final long turnNanos;
    private final Thread thread;
    private volatile boolean closing;

    SendThread(String name, Duration turn) {
        this.turnNanos = turn.toNanos();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a task; wakes the thread only if it is parked for want of work. */
    void execute(Runnable task) {
        if (closing) {
            throw new IllegalStateException("the Kafka send thread is closed");
        }
        queue.add(task);
        if (parked.get() && parked.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /** Runs what is queued, then stops; waits at most {@code timeout} for that. */
    boolean close(Duration timeout) throws InterruptedException {
        closing = true;
        LockSupport.unpark(thread);
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    private void run() {
        while (true) {
            int found = 0;
            Runnable task;
            while ((task = queue.poll()) != null) {
                found++;
                try {
                    task.run();
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable e) {
                    // tasks report their own failures to their callers; this is a bug, not bad input. An Error too
                    // (a library that cannot load) must not end this thread: every later reading would wait forever.
                    LOG.error("Kafka send task failed", e);
                }
            }
            if (closing && queue.isEmpty()) {
                return;
            }
            if (found >= BUSY_TURN) {
                LockSupport.parkNanos(this, turnNanos);
            } else {
                parked.set(true);
                // a task queued before this check is seen here; one queued after it finds parked set and unparks
                if (queue.isEmpty() && !closing) {
                    LockSupport.park(this);
                }
                parked.set(false);
            }
        }
    }
}
