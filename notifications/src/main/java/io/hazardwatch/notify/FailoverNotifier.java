package io.hazardwatch.notify;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel served by several providers in order of preference (e.g. SMS through Aliyun, then Tencent Cloud):
 * a message goes to the first; if that one does not accept it, to the next, and so on. A provider that failed
 * in a way that may pass (timeout, 5xx, rate limit) is tried last for {@link #COOL_DOWN}, so that messages do
 * not each wait for a provider that is down. A provider that timed out may still have sent the message, so a
 * person can get it twice: for an alarm that beats not getting it.
 */
public final class FailoverNotifier implements Notifier {

    /** How long a provider that failed retryably goes to the back of the line. */
    public static final Duration COOL_DOWN = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(FailoverNotifier.class);

    private final String channel;
    private final Map<String, Notifier> providers;
    private final LongSupplier nanoTime;
    /** provider → System.nanoTime() until which it is tried last */
    private final Map<String, Long> coolingUntil = new ConcurrentHashMap<>();

    /**
     * @param providers by name, in order of preference; each serves {@code channel}
     * @param nanoTime  the clock of the cool-down ({@code System::nanoTime})
     */
    public FailoverNotifier(String channel, Map<String, Notifier> providers, LongSupplier nanoTime) {
        if (providers.size() < 2) {
            throw new IllegalArgumentException("failover needs at least two providers, got " + providers.keySet());
        }
        providers.forEach((name, notifier) -> {
            if (!notifier.channel().equals(channel)) {
                throw new IllegalArgumentException(name + " serves channel " + notifier.channel() + ", not " + channel);
            }
        });
        this.channel = channel;
        this.providers = new LinkedHashMap<>(providers);
        this.nanoTime = nanoTime;
    }

    @Override
    public String channel() {
        return channel;
    }

    /**
     * Succeeds with the first provider that accepts; its {@link Delivery#providerId()} is prefixed with the
     * provider's name ({@code tencent:…}). Fails only when every provider failed, retryably if any of them
     * failed retryably (with the earliest Retry-After any of those gave).
     */
    @Override
    public Future<Delivery> send(Notification notification) {
        return attempt(notification, order(), 0, new ArrayList<>());
    }

    /** The providers in order of preference, those cooling down after the others. */
    List<String> order() {
        long now = nanoTime.getAsLong();
        List<String> ready = new ArrayList<>();
        List<String> cooling = new ArrayList<>();
        for (String name : providers.keySet()) {
            Long until = coolingUntil.get(name);
            (until != null && now - until < 0 ? cooling : ready).add(name);
        }
        ready.addAll(cooling);
        return ready;
    }

    private Future<Delivery> attempt(Notification n, List<String> order, int index, List<Failure> failures) {
        String name = order.get(index);
        return providers.get(name).send(n).transform(ar -> {
            if (ar.succeeded()) {
                coolingUntil.remove(name);
                return Future.succeededFuture(new Delivery(channel, name + ":" + ar.result().providerId()));
            }
            NotifyException failure = ar.cause() instanceof NotifyException e ? e
                    : NotifyException.retryable(ar.cause().toString(), null);
            if (failure.retryable()) {
                coolingUntil.put(name, nanoTime.getAsLong() + COOL_DOWN.toNanos());
            }
            failures.add(new Failure(name, failure));
            if (index + 1 < order.size()) {
                LOG.warn("{} {} via {} failed ({}); trying {}", channel, n.id(), name, failure.getMessage(),
                        order.get(index + 1));
                return attempt(n, order, index + 1, failures);
            }
            return Future.failedFuture(combined(failures));
        });
    }

    private static NotifyException combined(List<Failure> failures) {
        List<String> each = new ArrayList<>();
        boolean retryable = false;
        Duration retryAfter = null;
        for (Failure f : failures) {
            each.add(f.provider() + ": " + f.error().getMessage());
            if (f.error().retryable()) {
                retryable = true;
                Duration after = f.error().retryAfter();
                if (after != null && (retryAfter == null || after.compareTo(retryAfter) < 0)) {
                    retryAfter = after;
                }
            }
        }
        return new NotifyException("every provider failed: " + String.join("; ", each), retryable,
                retryable ? retryAfter : null);
    }

    private record Failure(String provider, NotifyException error) {
    }
}
