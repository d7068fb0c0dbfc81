package io.hazardwatch.ingest.limits;

import io.hazardwatch.model.registry.Registry;
import io.hazardwatch.model.registry.RegistryFile.Limits;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Per-enterprise quotas: concurrent connections, and messages per second as a token bucket that holds one
 * second's worth (so a short burst up to the limit passes). One enterprise over its quota never takes
 * anything from another. Limits come from the current registry, else the gateway's defaults. Thread-safe.
 */
public final class EnterpriseLimits {

    private final Supplier<Registry> registry;
    private final int defaultMaxConnections;
    private final int defaultMaxMessagesPerSecond;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Usage> usage = new ConcurrentHashMap<>();

    public EnterpriseLimits(Supplier<Registry> registry, int defaultMaxConnections, int defaultMaxMessagesPerSecond,
                            LongSupplier nanoClock) {
        this.registry = registry;
        this.defaultMaxConnections = defaultMaxConnections;
        this.defaultMaxMessagesPerSecond = defaultMaxMessagesPerSecond;
        this.nanoClock = nanoClock;
    }

    /** Takes a connection slot; false when the enterprise already has its maximum of connections. */
    public boolean tryConnect(String enterprise) {
        int max = maxConnections(enterprise);
        Usage u = usage(enterprise);
        synchronized (u) {
            if (u.connections >= max) {
                return false;
            }
            u.connections++;
            return true;
        }
    }

    /** Counts a connection that replaces one of the enterprise's (same client id): allowed even at the limit. */
    public void connectReplacing(String enterprise) {
        Usage u = usage(enterprise);
        synchronized (u) {
            u.connections++;
        }
    }

    public void disconnected(String enterprise) {
        Usage u = usage(enterprise);
        synchronized (u) {
            u.connections = Math.max(0, u.connections - 1);
        }
    }

    public int connections(String enterprise) {
        Usage u = usage.get(enterprise);
        return u == null ? 0 : u.connections;
    }

    /** Takes one message from the enterprise's bucket; false when it is over its messages-per-second limit. */
    public boolean tryMessage(String enterprise) {
        int rate = maxMessagesPerSecond(enterprise);
        Usage u = usage(enterprise);
        long now = nanoClock.getAsLong();
        synchronized (u) {
            if (u.lastRefill == Long.MIN_VALUE) {
                u.tokens = rate;
            } else {
                u.tokens = Math.min(rate, u.tokens + (now - u.lastRefill) * rate / 1e9);
            }
            u.lastRefill = now;
            if (u.tokens < 1) {
                return false;
            }
            u.tokens -= 1;
            return true;
        }
    }

    public int maxConnections(String enterprise) {
        Limits limits = registry.get().limits(enterprise);
        return limits.maxConnections() != null ? limits.maxConnections() : defaultMaxConnections;
    }

    public int maxMessagesPerSecond(String enterprise) {
        Limits limits = registry.get().limits(enterprise);
        return limits.maxMessagesPerSecond() != null ? limits.maxMessagesPerSecond() : defaultMaxMessagesPerSecond;
    }

    private Usage usage(String enterprise) {
        return usage.computeIfAbsent(enterprise, e -> new Usage());
    }

    private static final class Usage {
        int connections;
        double tokens;
        long lastRefill = Long.MIN_VALUE;
    }
}
