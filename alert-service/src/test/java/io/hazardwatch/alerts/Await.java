package io.hazardwatch.alerts;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Blocking waits with a bound, for tests that read as a sequence of steps. */
public final class Await {

    public static final Duration LIMIT = Duration.ofSeconds(30);

    private Await() {
    }

    public static <T> T result(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no result within " + LIMIT, e);
        }
    }

    /** Repeats {@code attempt} until it returns non-null, or fails after {@link #LIMIT} with the last value seen. */
    public static <T> T until(Supplier<T> attempt, Supplier<String> lastSeen) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = attempt.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not reached within " + LIMIT + "; last seen: " + lastSeen.get());
    }
}
