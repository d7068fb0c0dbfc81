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
 *
 * <p>Several gateways behind a balancer split each quota: each enforces its share, the quota divided by the number
 * of shares ({@code limits.instances}) and rounded up, so no state is shared on the path of a PUBACK (issue 18,
 * docs/operations.md "Gateways and the balancer").
 */
public final class EnterpriseLimits {

    private final Supplier<Registry> registry;
    private final int defaultMaxConnections;
    private final int defaultMaxMessagesPerSecond;
    private final LongSupplier nanoClock;
    private final int shares;
    private final ConcurrentMap<String, Usage> usage = new ConcurrentHashMap<>();

    public EnterpriseLimits(Supplier<Registry> registry, int defaultMaxConnections, int defaultMaxMessagesPerSecond,
                            LongSupplier nanoClock) {
        this(registry, defaultMaxConnections, defaultMaxMessagesPerSecond, nanoClock, 1);
    }

    /** @param shares how many gateways share each quota; this one enforces its share (rounded up) */
    public EnterpriseLimits(Supplier<Registry> registry, int defaultMaxConnections, int defaultMaxMessagesPerSecond,
                            LongSupplier nanoClock, int shares) {
        if (shares < 1) {
            throw new IllegalArgumentException("shares: " + shares);
        }
        this.shares = shares;
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

    /** This gateway's share of the enterprise's connection quota. */
    public int maxConnections(String enterprise) {
        Limits limits = registry.get().limits(enterprise);
        return share(limits.maxConnections() != null ? limits.maxConnections() : defaultMaxConnections);
    }

    /** This gateway's share of the enterprise's messages-per-second quota. */
    public int maxMessagesPerSecond(String enterprise) {
        Limits limits = registry.get().limits(enterprise);
        return share(limits.maxMessagesPerSecond() != null ? limits.maxMessagesPerSecond() : defaultMaxMessagesPerSecond);
    }

    private int share(int quota) {
        // in long: a quota of Integer.MAX_VALUE ("no limit") must not wrap to a negative share that refuses all
        return (int) (((long) quota + shares - 1) / shares);
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
