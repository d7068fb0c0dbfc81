package io.hazardwatch.notify;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits on Vert.x futures from the test thread. */
public final class Await {

    public static final Duration WAIT = Duration.ofSeconds(15);

    private Await() {
    }

    public static <T> T result(Future<T> future) {
        return result(future, WAIT);
    }

    public static <T> T result(Future<T> future, Duration wait) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** The NotifyException the future failed with; fails the test if it succeeded or failed otherwise. */
    public static NotifyException failure(Future<?> future) {
        try {
            Object value = future.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a NotifyException, but succeeded with " + value);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotifyException n) {
                return n;
            }
            throw new AssertionError("expected a NotifyException, got " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
